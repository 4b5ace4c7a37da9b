package io.pgclone.core.roles;

import io.pgclone.core.conn.PgConnections;
import io.pgclone.core.sql.Identifiers;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads roles, their memberships and their grants from one server (either side: the same query on both, so they
 * compare). Non-system roles only: not the pg_ roles, not the bootstrap superuser. Password hashes are read only
 * when asked (pg_authid: superuser).
 */
final class RoleCatalog {
    private final Connection conn;

    RoleCatalog(Connection conn) {
        this.conn = conn;
    }

    /** The roles named (all non-system ones when {@code names} is empty), by name. */
    Map<String, Role> roles(Collection<String> names, boolean passwords) throws SQLException {
        String sql = "SELECT r.rolname, r.rolsuper, r.rolinherit, r.rolcreaterole, r.rolcreatedb, r.rolcanlogin,"
                + " r.rolreplication, r.rolbypassrls, r.rolconnlimit,"
                + " CASE WHEN r.rolvaliduntil = 'infinity' THEN NULL ELSE r.rolvaliduntil::text END,"
                + (passwords ? " (SELECT a.rolpassword FROM pg_catalog.pg_authid a WHERE a.oid = r.oid)," : " NULL,")
                + " (SELECT s.setconfig FROM pg_catalog.pg_db_role_setting s WHERE s.setrole = r.oid AND s.setdatabase = 0),"
                + " (SELECT s.setconfig FROM pg_catalog.pg_db_role_setting s WHERE s.setrole = r.oid AND s.setdatabase ="
                + "   (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = current_database()))"
                + " FROM pg_catalog.pg_roles r WHERE r.rolname !~ '^pg_' AND r.oid <> 10"
                + " AND (cardinality(?::text[]) = 0 OR r.rolname = ANY (?::text[])) ORDER BY 1";
        Map<String, Role> out = new TreeMap<>();
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            Array arr = conn.createArrayOf("text", names.toArray());
            ps.setArray(1, arr);
            ps.setArray(2, arr);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Role(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3),
                            rs.getBoolean(4), rs.getBoolean(5), rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8),
                            rs.getInt(9), rs.getString(10), rs.getString(11), texts(rs.getArray(12)),
                            texts(rs.getArray(13))));
                }
            }
        }
        return out;
    }

    /** Memberships whose member is one of {@code members}. */
    List<Role.Membership> memberships(Collection<String> members) throws SQLException {
        boolean options = major() >= 16;
        String sql = "SELECT r.rolname, m.rolname, am.admin_option"
                + (options ? ", am.inherit_option, am.set_option" : ", NULL::boolean, NULL::boolean")
                + " FROM pg_catalog.pg_auth_members am JOIN pg_catalog.pg_roles r ON r.oid = am.roleid"
                + " JOIN pg_catalog.pg_roles m ON m.oid = am.member WHERE m.rolname = ANY (?::text[]) ORDER BY 1, 2";
        List<Role.Membership> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setArray(1, conn.createArrayOf("text", members.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Role.Membership(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                            (Boolean) rs.getObject(4), (Boolean) rs.getObject(5)));
                }
            }
        }
        return out;
    }

    /** What {@code grantees} may do on schemas, tables, sequences and functions of user schemas. */
    List<Role.Grant> grants(Collection<String> grantees) throws SQLException {
        String user = " NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname !~ '^pg_temp'";
        String sql = "SELECT kind, obj, a.privilege_type, g.rolname, a.is_grantable FROM ("
                + " SELECT 'SCHEMA' AS kind, format('%I', n.nspname) AS obj, n.nspacl AS acl, n.nspowner AS owner"
                + "  FROM pg_catalog.pg_namespace n WHERE n.nspname" + user
                + " UNION ALL SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END,"
                + "  format('%I.%I', n.nspname, c.relname), c.relacl, c.relowner FROM pg_catalog.pg_class c"
                + "  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')"
                + "  AND n.nspname" + user
                + " UNION ALL SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END,"
                + "  format('%I.%I(%s)', n.nspname, p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid)),"
                + "  p.proacl, p.proowner FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
                + "  WHERE p.prokind IN ('f', 'p') AND n.nspname" + user
                + ") o CROSS JOIN LATERAL pg_catalog.aclexplode(o.acl) a JOIN pg_catalog.pg_roles g ON g.oid = a.grantee"
                + " WHERE g.rolname = ANY (?::text[]) AND a.grantee <> o.owner ORDER BY 1, 2, 3, 4";
        List<Role.Grant> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setArray(1, conn.createArrayOf("text", grantees.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Role.Grant(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getBoolean(5)));
                }
            }
        }
        return out;
    }

    /** Whether {@code kind object} exists here. */
    boolean exists(String kind, String object) throws SQLException {
        String fn = switch (kind) {
            case "SCHEMA" -> "to_regnamespace";
            case "FUNCTION", "PROCEDURE" -> "to_regprocedure";
            default -> "to_regclass";
        };
        try (PreparedStatement ps = conn.prepareStatement("SELECT pg_catalog." + fn + "(?) IS NOT NULL")) {
            ps.setString(1, object);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    int major() throws SQLException {
        return PgConnections.majorVersion(conn);
    }

    /** Whether the connected user is a superuser, and whether it may create roles. */
    boolean[] powers() throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT rolsuper, rolcreaterole FROM pg_catalog.pg_roles"
                + " WHERE rolname = current_user"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new boolean[] {rs.getBoolean(1), rs.getBoolean(2)};
        }
    }

    private static List<String> texts(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.stream((String[]) a.getArray()).sorted().toList();
    }

    static String q(String name) {
        return Identifiers.quote(name);
    }
}
