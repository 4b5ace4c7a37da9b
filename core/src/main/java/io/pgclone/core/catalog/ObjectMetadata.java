package io.pgclone.core.catalog;


import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.pgclone.core.catalog.CatalogSql.qualified;
import static io.pgclone.core.sql.Identifiers.literal;
import static io.pgclone.core.sql.Identifiers.quote;

/** The owner, grants and comment of each gathered object, as objects of their own that depend on it. */
final class ObjectMetadata {
    private final Connection conn;
    private final Scope scope;
    private final Objects objects;

    ObjectMetadata(Connection conn, Scope scope, Objects objects) {
        this.conn = conn;
        this.scope = scope;
        this.objects = objects;
    }

    void owner(String objectId, String schema, String name, String what, String role) {
        if (!scope.owners() || role == null) {
            return;
        }
        objects.add(Objects.pre("owner", "owner:" + objectId, schema, name, List.of(objectId, "role:" + role),
                "ALTER " + what + " OWNER TO " + quote(role)));
    }

    /**
     * Grants exactly as on the source: what the ACL does not hold is revoked from PUBLIC and the owner, then each
     * entry is granted.
     */
    void grants(String objectId, String schema, String name, String what, String aclColumn, String catalog,
                        long oid, String owner) throws SQLException {
        if (!scope.grants()) {
            return;
        }
        String target = what.startsWith("TABLE ") || what.startsWith("SEQUENCE ") || what.startsWith("SCHEMA ")
                || what.startsWith("FUNCTION ") || what.startsWith("PROCEDURE ") || what.startsWith("TYPE ")
                || what.startsWith("DOMAIN ") ? what.startsWith("DOMAIN ") ? "TYPE " + what.substring(7) : what : what;
        List<String> deps = new ArrayList<>(List.of(objectId, "role:" + owner));
        Map<String, List<String>> byGrantee = new LinkedHashMap<>();
        Map<String, List<String>> withGrant = new LinkedHashMap<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT CASE WHEN (a).grantee = 0 THEN 'PUBLIC'"
                + " ELSE pg_get_userbyid((a).grantee) END, (a).privilege_type, (a).is_grantable"
                + " FROM (SELECT aclexplode(" + aclColumn + ") a FROM " + catalog + " WHERE oid = ?) x ORDER BY 1, 2")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    (rs.getBoolean(3) ? withGrant : byGrantee).computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(rs.getString(2));
                }
            }
        }
        List<String> sql = new ArrayList<>(List.of("REVOKE ALL ON " + target + " FROM PUBLIC",
                "REVOKE ALL ON " + target + " FROM " + quote(owner)));
        for (Map<String, List<String>> m : List.of(byGrantee, withGrant)) {
            for (Map.Entry<String, List<String>> e : m.entrySet()) {
                String grantee = e.getKey().equals("PUBLIC") ? "PUBLIC" : quote(e.getKey());
                if (!e.getKey().equals("PUBLIC")) {
                    deps.add("role:" + e.getKey());
                }
                sql.add("GRANT " + String.join(", ", e.getValue()) + " ON " + target + " TO " + grantee
                        + (m == withGrant ? " WITH GRANT OPTION" : ""));
            }
        }
        objects.add(Objects.pre("grant", "grant:" + objectId, schema, name, deps, sql));
    }

    void columnGrants(String tableId, String schema, String table, long oid, String owner) throws SQLException {
        if (!scope.grants()) {
            return;
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT a.attname, CASE WHEN (x.a).grantee = 0 THEN 'PUBLIC'"
                + " ELSE pg_get_userbyid((x.a).grantee) END, (x.a).privilege_type, (x.a).is_grantable"
                + " FROM pg_attribute a, LATERAL (SELECT aclexplode(a.attacl) a) x WHERE a.attrelid = ? AND a.attacl IS NOT NULL"
                + " ORDER BY 1, 2, 3")) {
            ps.setLong(1, oid);
            Map<String, List<String>> deps = new LinkedHashMap<>();
            Map<String, List<String>> sql = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String column = rs.getString(1);
                    List<String> d = deps.computeIfAbsent(column, c -> new ArrayList<>(List.of(tableId,
                            CatalogObject.columnId(schema, table, c))));
                    String grantee = rs.getString(2).equals("PUBLIC") ? "PUBLIC" : quote(rs.getString(2));
                    if (!rs.getString(2).equals("PUBLIC")) {
                        d.add("role:" + rs.getString(2));
                    }
                    sql.computeIfAbsent(column, c -> new ArrayList<>()).add("GRANT " + rs.getString(3) + " ("
                            + quote(column) + ") ON TABLE " + qualified(schema, table) + " TO " + grantee
                            + (rs.getBoolean(4) ? " WITH GRANT OPTION" : ""));
                }
            }
            // one object per column, so a clone without the column leaves out just its grants
            sql.forEach((column, statements) -> objects.add(Objects.pre("grant", "grant:" + tableId + ":column:" + column,
                    schema, table, deps.get(column), statements)));
        }
    }

    void comment(String objectId, String schema, String name, String what, String text) {
        comment(objectId, schema, name, what, text, false);
    }

    /** With {@code evenNone}, no comment is written as {@code IS NULL}, to clear one the target has. */
    void comment(String objectId, String schema, String name, String what, String text, boolean evenNone) {
        if (text == null && !evenNone) {
            return;
        }
        CatalogObject target = objects.byIdentity.get(objectId);
        boolean post = target != null && target.isPostData();
        String sql = "COMMENT ON " + what + " IS " + literal(text);
        String id = "comment:" + objectId;
        objects.add(post ? Objects.post("comment", id, schema, name, target.category(), List.of(objectId),
                target.needsTables(), sql) : Objects.pre("comment", id, schema, name, List.of(objectId), sql));
    }

    void columnComments(String relId, String schema, String name, long oid, String q) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT a.attname, col_description(a.attrelid, a.attnum)"
                + " FROM pg_attribute a WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped"
                + " AND col_description(a.attrelid, a.attnum) IS NOT NULL ORDER BY a.attnum")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    objects.add(Objects.pre("comment", "comment:" + relId + "." + rs.getString(1), schema, name,
                            List.of(relId, CatalogObject.columnId(schema, name, rs.getString(1))), "COMMENT ON COLUMN " + q + "." + quote(rs.getString(1)) + " IS "
                                    + literal(rs.getString(2))));
                }
            }
        }
    }

    /**
     * Grants on an extension's functions, relations and types that differ from what {@code CREATE EXTENSION} sets
     * ({@code pg_init_privs}), as pg_dump keeps them: written out in full after the extension is created.
     */
    void extensionMemberGrants(String extensionId, long extensionOid) throws SQLException {
        if (!scope.grants()) {
            return;
        }
        List<String[]> rows = CatalogQuery.rows(conn, "SELECT m.catalog, m.oid::text, m.what, m.acl_column, m.owner,"
                + " m.schema FROM (SELECT d.classid::regclass::text AS catalog, d.objid AS oid, d.classid,"
                + "   CASE WHEN d.classid = 'pg_proc'::regclass THEN 'ROUTINE ' || d.objid::regprocedure::text"
                + "     WHEN d.classid = 'pg_type'::regclass THEN 'TYPE ' || format_type(d.objid, NULL)"
                + "     WHEN c.relkind = 'S' THEN 'SEQUENCE ' || d.objid::regclass::text"
                + "     ELSE 'TABLE ' || d.objid::regclass::text END AS what,"
                + "   CASE WHEN d.classid = 'pg_proc'::regclass THEN 'coalesce(proacl, acldefault(''f'', proowner))'"
                + "     WHEN d.classid = 'pg_type'::regclass THEN 'coalesce(typacl, acldefault(''T'', typowner))'"
                + "     WHEN c.relkind = 'S' THEN 'coalesce(relacl, acldefault(''s'', relowner))'"
                + "     ELSE 'coalesce(relacl, acldefault(''r'', relowner))' END AS acl_column,"
                + "   pg_get_userbyid(coalesce(p.proowner, t.typowner, c.relowner)) AS owner,"
                + "   (SELECT nspname FROM pg_namespace WHERE oid = coalesce(p.pronamespace, t.typnamespace,"
                + "     c.relnamespace)) AS schema,"
                + "   coalesce(p.proacl, t.typacl, c.relacl) AS acl"
                + "  FROM pg_depend d"
                + "  LEFT JOIN pg_proc p ON d.classid = 'pg_proc'::regclass AND p.oid = d.objid"
                + "  LEFT JOIN pg_type t ON d.classid = 'pg_type'::regclass AND t.oid = d.objid"
                + "  LEFT JOIN pg_class c ON d.classid = 'pg_class'::regclass AND c.oid = d.objid"
                + "  WHERE d.refclassid = 'pg_extension'::regclass AND d.refobjid = ?::oid AND d.deptype = 'e'"
                + "  AND d.classid IN ('pg_proc'::regclass, 'pg_type'::regclass, 'pg_class'::regclass)) m"
                + " WHERE m.acl IS DISTINCT FROM (SELECT i.initprivs FROM pg_init_privs i WHERE i.classoid = m.classid"
                + "   AND i.objoid = m.oid AND i.objsubid = 0) ORDER BY m.what", extensionOid);
        for (String[] r : rows) {
            String memberId = "extension-member:" + r[2];
            grants(memberId, r[5], r[2], r[2], r[3], r[0], Long.parseLong(r[1]), r[4]);
            String grantId = "grant:" + memberId;
            CatalogObject g = objects.byIdentity.get(grantId);
            if (g != null) {
                objects.byIdentity.put(grantId, Objects.withDeps(g, List.of(extensionId)));
            }
        }
    }
}
