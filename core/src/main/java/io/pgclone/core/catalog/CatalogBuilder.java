package io.pgclone.core.catalog;

import io.pgclone.core.protocol.CatalogObject;
import io.pgclone.core.sql.Identifiers;
import io.pgclone.core.sql.QualifiedName;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import static io.pgclone.core.catalog.CatalogReader.PG_CLASS;
import static io.pgclone.core.catalog.CatalogReader.PG_COLLATION;
import static io.pgclone.core.catalog.CatalogReader.PG_CONSTRAINT;
import static io.pgclone.core.catalog.CatalogReader.PG_EXTENSION;
import static io.pgclone.core.catalog.CatalogReader.PG_NAMESPACE;
import static io.pgclone.core.catalog.CatalogReader.PG_PROC;
import static io.pgclone.core.catalog.CatalogReader.PG_TYPE;
import static io.pgclone.core.catalog.CatalogReader.qualified;
import static io.pgclone.core.catalog.CatalogReader.textArray;
import static io.pgclone.core.sql.Identifiers.literal;
import static io.pgclone.core.sql.Identifiers.quote;

/** Turns catalog rows into {@link CatalogObject}s, kind by kind, for one {@link CatalogReader#read(Scope)}. */
final class CatalogBuilder {
    private static final String NOT_EXTENSION_MEMBER = " AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = %s"
            + "::regclass AND e.objid = %s AND e.deptype = 'e')";

    /** The catalogs of the other schema objects a dependency can run through (see {@code dependencies()}). */
    private static final String SCHEMA_KINDS = ", 'pg_collation'::regclass, 'pg_operator'::regclass,"
            + " 'pg_opclass'::regclass, 'pg_opfamily'::regclass,"
            + " 'pg_cast'::regclass, 'pg_conversion'::regclass, 'pg_ts_dict'::regclass, 'pg_ts_config'::regclass";

    private final CatalogReader reader;
    private final Connection conn;
    private final Scope scope;
    private final Objects objects;
    private final ObjectMetadata meta;
    private final Set<Long> matviews = new LinkedHashSet<>();
    private final Set<Long> sequences = new LinkedHashSet<>();
    private final Set<String> referencedSchemas = new LinkedHashSet<>();
    private final Map<Long, String> relationIdentity = new HashMap<>();
    /** Partitioned tables and their partitions, for post-data that cascades to every partition. */
    private final Map<Long, List<Long>> partitions = new HashMap<>();

    CatalogBuilder(CatalogReader reader, Scope scope, Objects objects) {
        this.reader = reader;
        this.conn = reader.connection();
        this.scope = scope;
        this.objects = objects;
        this.meta = new ObjectMetadata(conn, scope, objects);
    }

    static String notMember(String catalog, String oidColumn) {
        return String.format(NOT_EXTENSION_MEMBER, "'" + catalog + "'", oidColumn);
    }

    // ------------------------------------------------------------------ schemas and extensions

    void schemas(Set<String> scoped, boolean whole) throws SQLException {
        Set<String> all = new LinkedHashSet<>(scoped);
        all.addAll(referencedSchemas);
        for (String s : all) {
            String id = "schema:" + s;
            objects.add(Objects.pre("schema", id, s, s, List.of(),
                    "CREATE SCHEMA IF NOT EXISTS " + quote(s)));
            try (PreparedStatement ps = conn.prepareStatement("SELECT oid, pg_get_userbyid(nspowner),"
                    + " obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = ?")) {
                ps.setString(1, s);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        continue;
                    }
                    objects.map(PG_NAMESPACE, rs.getLong(1), id);
                    // A schema cloned whole gets its owner, grants and comment too, also where the target has it
                    // already (public): the default privileges and "no comment" are written out, so the target's
                    // own (PostgreSQL 15's public belongs to pg_database_owner) do not stay.
                    if (whole && scoped.contains(s)) {
                        meta.owner(id, s, s, "SCHEMA " + quote(s), rs.getString(2));
                        meta.grants(id, s, s, "SCHEMA " + quote(s), "coalesce(nspacl, acldefault('n', nspowner))",
                                "pg_namespace", rs.getLong(1), rs.getString(2));
                        meta.comment(id, s, s, "SCHEMA " + quote(s), rs.getString(3), true);
                    }
                }
            }
        }
    }

    void extensions(Set<String> schemas) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT e.oid, e.extname, n.nspname FROM pg_extension e"
                + " JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql' AND n.nspname = ANY (?)")) {
            ps.setArray(1, conn.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    extension(rs.getLong(1), rs.getString(2), rs.getString(3));
                }
            }
        }
    }

    private String extension(long oid, String name, String schema) throws SQLException {
        String id = "extension:" + name;
        objects.add(Objects.pre("extension", id, schema, name, List.of("schema:" + schema),
                "CREATE EXTENSION IF NOT EXISTS " + quote(name) + " WITH SCHEMA " + quote(schema)));
        objects.map(PG_EXTENSION, oid, id);
        referencedSchemas.add(schema);
        meta.extensionMemberGrants(id, oid);
        return id;
    }

    // ------------------------------------------------------------------ types

    void types(Set<String> schemas) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT t.oid FROM pg_type t JOIN pg_namespace n"
                + " ON n.oid = t.typnamespace WHERE n.nspname = ANY (?) AND (t.typtype IN ('e', 'd', 'r')"
                + " OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))"
                + notMember("pg_type", "t.oid") + " ORDER BY 1")) {
            ps.setArray(1, conn.createArrayOf("text", schemas.toArray()));
            List<Long> oids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    oids.add(rs.getLong(1));
                }
            }
            for (long oid : oids) {
                type(oid);
            }
        }
    }

    /** Collations of the schemas, or the given ones ({@code only}: those the clone's columns and indexes use). */
    void collations(Set<String> schemas, Set<Long> only) throws SQLException {
        String where = only != null ? "c.oid = ANY (?)" : "n.nspname = ANY (?)";
        List<String[]> rows = CatalogQuery.rows(conn, "SELECT c.oid, n.nspname, c.collname,"
                + " pg_get_userbyid(c.collowner), obj_description(c.oid, 'pg_collation') FROM pg_collation c"
                + " JOIN pg_namespace n ON n.oid = c.collnamespace WHERE " + where
                + " AND n.nspname NOT IN ('pg_catalog', 'information_schema')" + notMember("pg_collation", "c.oid")
                + " ORDER BY 2, 3", only != null ? only : schemas);
        for (String[] r : rows) {
            long oid = Long.parseLong(r[0]);
            String schema = r[1];
            String name = r[2];
            if (objects.identityOf(PG_COLLATION, oid) != null) {
                continue;
            }
            String q = qualified(schema, name);
            String id = "collation:" + schema + "." + name;
            objects.add(Objects.pre("collation", id, schema, name, List.of("schema:" + schema),
                    CollationSql.create(conn, oid, q)));
            objects.map(PG_COLLATION, oid, id);
            referencedSchemas.add(schema);
            meta.owner(id, schema, name, "COLLATION " + q, r[3]);
            meta.comment(id, schema, name, "COLLATION " + q, r[4]);
        }
    }

    /** A user type: enum, composite, domain or range. */
    void type(long oid) throws SQLException {
        if (objects.identityOf(PG_TYPE, oid) != null) {
            return;
        }
        String schema;
        String name;
        char typtype;
        String owner;
        String comment;
        long typrelid;
        boolean acl;
        try (PreparedStatement ps = conn.prepareStatement("SELECT n.nspname, t.typname, t.typtype, pg_get_userbyid(t.typowner),"
                + " obj_description(t.oid, 'pg_type'), t.typrelid, t.typacl IS NOT NULL FROM pg_type t"
                + " JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.oid = ?")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                schema = rs.getString(1);
                name = rs.getString(2);
                typtype = rs.getString(3).charAt(0);
                owner = rs.getString(4);
                comment = rs.getString(5);
                typrelid = rs.getLong(6);
                acl = rs.getBoolean(7);
            }
        }
        String id = "type:" + schema + "." + name;
        String q = qualified(schema, name);
        List<String> sql = switch (typtype) {
            case 'e' -> List.of(enumSql(oid, q));
            case 'c' -> List.of(compositeSql(typrelid, q));
            case 'd' -> domainSql(oid, q);
            case 'r' -> List.of(rangeSql(oid, q));
            default -> null;
        };
        if (sql == null) {
            return;
        }
        objects.add(Objects.pre("type", id, schema, name, List.of("schema:" + schema), sql));
        objects.map(PG_TYPE, oid, id);
        if (typrelid != 0) {
            objects.map(PG_CLASS, typrelid, id);
        }
        referencedSchemas.add(schema);
        String what = (typtype == 'd' ? "DOMAIN " : "TYPE ") + q;
        meta.owner(id, schema, name, what, owner);
        if (acl) {
            meta.grants(id, schema, name, what, "typacl", "pg_type", oid, owner);
        }
        meta.comment(id, schema, name, what, comment);
    }

    private String enumSql(long oid, String q) throws SQLException {
        StringJoiner labels = new StringJoiner(", ", "CREATE TYPE " + q + " AS ENUM (", ")");
        try (PreparedStatement ps = conn.prepareStatement("SELECT enumlabel FROM pg_enum WHERE enumtypid = ? ORDER BY enumsortorder")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    labels.add(literal(rs.getString(1)));
                }
            }
        }
        return labels.toString();
    }

    private String compositeSql(long typrelid, String q) throws SQLException {
        StringJoiner attrs = new StringJoiner(", ", "CREATE TYPE " + q + " AS (", ")");
        try (PreparedStatement ps = conn.prepareStatement("SELECT quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod)"
                + " || CASE WHEN a.attcollation <> t.typcollation AND a.attcollation <> 0 THEN ' COLLATE ' ||"
                + " (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co"
                + "  JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation) ELSE '' END"
                + " FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid WHERE a.attrelid = ? AND a.attnum > 0"
                + " AND NOT a.attisdropped ORDER BY a.attnum")) {
            ps.setLong(1, typrelid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    attrs.add(rs.getString(1));
                }
            }
        }
        return attrs.toString();
    }

    /** CREATE DOMAIN, then one ALTER DOMAIN per constraint that is NOT VALID (not allowed in CREATE DOMAIN). */
    private List<String> domainSql(long oid, String q) throws SQLException {
        StringBuilder b = new StringBuilder("CREATE DOMAIN ").append(q).append(" AS ");
        List<String> notValid = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT format_type(t.typbasetype, t.typtypmod), t.typnotnull,"
                + " pg_get_expr(t.typdefaultbin, 0), CASE WHEN t.typcollation <> b.typcollation AND t.typcollation <> 0 THEN"
                + " (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co"
                + "  JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = t.typcollation) END"
                + " FROM pg_type t JOIN pg_type b ON b.oid = t.typbasetype WHERE t.oid = ?")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                b.append(rs.getString(1));
                if (rs.getString(4) != null) {
                    b.append(" COLLATE ").append(rs.getString(4));
                }
                if (rs.getString(3) != null) {
                    b.append(" DEFAULT ").append(rs.getString(3));
                }
                if (rs.getBoolean(2)) {
                    b.append(" NOT NULL");
                }
            }
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT conname, pg_get_constraintdef(oid), convalidated"
                + " FROM pg_constraint WHERE contypid = ? AND contype = 'c' ORDER BY conname")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getBoolean(3)) {
                        b.append(" CONSTRAINT ").append(quote(rs.getString(1))).append(' ').append(rs.getString(2));
                    } else { // NOT VALID is not allowed in CREATE DOMAIN
                        notValid.add("ALTER DOMAIN " + q + " ADD CONSTRAINT " + quote(rs.getString(1)) + " " + rs.getString(2));
                    }
                }
            }
        }
        List<String> out = new ArrayList<>(List.of(b.toString()));
        out.addAll(notValid);
        return out;
    }

    private String rangeSql(long oid, String q) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT format_type(r.rngsubtype, NULL),"
                + " quote_ident(on2.nspname) || '.' || quote_ident(opc.opcname), CASE WHEN r.rngcollation <> 0 THEN"
                + " (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co"
                + "  JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = r.rngcollation) END,"
                + " NULLIF(r.rngcanonical, 0)::regproc::text, NULLIF(r.rngsubdiff, 0)::regproc::text,"
                + " (SELECT quote_ident(mn.nspname) || '.' || quote_ident(mt.typname) FROM pg_type mt"
                + "  JOIN pg_namespace mn ON mn.oid = mt.typnamespace WHERE mt.oid = r.rngmultitypid)"
                + " FROM pg_range r JOIN pg_opclass opc ON opc.oid = r.rngsubopc JOIN pg_namespace on2 ON on2.oid = opc.opcnamespace"
                + " WHERE r.rngtypid = ?")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                StringBuilder b = new StringBuilder("CREATE TYPE ").append(q).append(" AS RANGE (SUBTYPE = ")
                        .append(rs.getString(1)).append(", SUBTYPE_OPCLASS = ").append(rs.getString(2));
                if (rs.getString(3) != null) {
                    b.append(", COLLATION = ").append(rs.getString(3));
                }
                if (rs.getString(4) != null) {
                    objects.warnings.add("range type " + q + ": its canonical function " + rs.getString(4)
                            + " is not cloned (it needs a shell type); the type is created without it");
                }
                if (rs.getString(5) != null) {
                    b.append(", SUBTYPE_DIFF = ").append(rs.getString(5));
                }
                if (rs.getString(6) != null) {
                    b.append(", MULTIRANGE_TYPE_NAME = ").append(rs.getString(6));
                }
                return b.append(')').toString();
            }
        }
    }

    // ------------------------------------------------------------------ functions

    /** Functions and procedures of the schemas, or the given ones ({@code only}). */
    void functions(Set<String> schemas, Set<Long> only) throws SQLException {
        String where = only != null ? "p.oid = ANY (?)" : "n.nspname = ANY (?)";
        try (PreparedStatement ps = conn.prepareStatement("SELECT p.oid, n.nspname, p.proname,"
                + " pg_get_function_identity_arguments(p.oid), p.prokind, pg_get_userbyid(p.proowner),"
                + " obj_description(p.oid, 'pg_proc'), p.proacl IS NOT NULL FROM pg_proc p"
                + " JOIN pg_namespace n ON n.oid = p.pronamespace WHERE " + where + notMember("pg_proc", "p.oid")
                // a range type's constructors come with CREATE TYPE
                + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid"
                + "   AND d.deptype = 'i')"
                + " ORDER BY n.nspname, p.proname, 4")) {
            ps.setArray(1, only != null ? conn.createArrayOf("bigint", only.toArray())
                    : conn.createArrayOf("text", schemas.toArray()));
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8)});
                }
            }
            for (Object[] r : rows) {
                function((Long) r[0], (String) r[1], (String) r[2], (String) r[3], ((String) r[4]).charAt(0),
                        (String) r[5], (String) r[6], (Boolean) r[7]);
            }
        }
    }

    private void function(long oid, String schema, String name, String args, char kind, String owner, String comment,
                          boolean acl) throws SQLException {
        String signature = qualified(schema, name) + "(" + (kind == 'a' && args.isEmpty() ? "*" : args) + ")";
        String def;
        if (kind == 'a') { // an aggregate is a routine too: the same conflict handling (CREATE OR REPLACE AGGREGATE)
            def = AggregateSql.create(conn, oid, qualified(schema, name));
        } else {
            try (PreparedStatement ps = conn.prepareStatement("SELECT pg_get_functiondef(?)")) {
                ps.setLong(1, oid);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    def = rs.getString(1);
                }
            }
        }
        String id = "function:" + schema + "." + name + "(" + args + ")";
        objects.add(Objects.pre("function", id, schema, name, List.of("schema:" + schema), def.strip()));
        objects.map(PG_PROC, oid, id);
        referencedSchemas.add(schema);
        String what = (kind == 'p' ? "PROCEDURE " : kind == 'a' ? "AGGREGATE " : "FUNCTION ") + signature;
        meta.owner(id, schema, name, what, owner);
        if (acl) { // GRANT ... ON FUNCTION covers aggregates
            meta.grants(id, schema, name, kind == 'a' ? "FUNCTION " + signature : what, "proacl", "pg_proc", oid, owner);
        }
        meta.comment(id, schema, name, what, comment);
    }

    // ------------------------------------------------------------------ relations

    /** Tables, views, materialized views and sequences of the schemas (or the given relations); returns tables. */
    List<Long> relations(Set<String> schemas, Set<Long> only) throws SQLException {
        String where = only != null ? "c.oid = ANY (?)" : "n.nspname = ANY (?)";
        List<Long> tables = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT c.oid, n.nspname, c.relname, c.relkind,"
                + " pg_get_userbyid(c.relowner), c.relacl IS NOT NULL, obj_description(c.oid, 'pg_class'),"
                + " c.relrowsecurity, c.relforcerowsecurity, coalesce(c.reloptions, '{}'), c.relispopulated,"
                + " c.relpersistence = 'u'"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + where
                + " AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')" + notMember("pg_class", "c.oid")
                + " AND NOT EXISTS (SELECT 1 FROM pg_depend i WHERE i.classid = 'pg_class'::regclass AND i.objid = c.oid"
                + "   AND i.deptype = 'i' AND i.refobjid <> c.oid)" // identity sequences come with their column
                // (a partitioned table depends internally on itself, through its partition key)
                + " ORDER BY n.nspname, c.relname")) {
            ps.setArray(1, only != null ? conn.createArrayOf("bigint", only.toArray())
                    : conn.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4).charAt(0),
                            rs.getString(5), rs.getBoolean(6), rs.getString(7), rs.getBoolean(8), rs.getBoolean(9),
                            textArray(rs, 10), rs.getBoolean(11), rs.getBoolean(12)});
                }
            }
        }
        for (Object[] r : rows) {
            long oid = (Long) r[0];
            String schema = (String) r[1];
            String name = (String) r[2];
            char kind = (Character) r[3];
            String owner = (String) r[4];
            boolean acl = (Boolean) r[5];
            String comment = (String) r[6];
            String q = qualified(schema, name);
            referencedSchemas.add(schema);
            switch (kind) {
                case 'r', 'p' -> {
                    TableDef t = reader.table(oid);
                    CatalogObject o = CatalogObject.table(t);
                    objects.add(o);
                    objects.map(PG_CLASS, oid, o.identity());
                    relationIdentity.put(oid, o.identity());
                    tables.add(oid);
                    meta.owner(o.identity(), schema, name, "TABLE " + q, owner);
                    if (acl) {
                        meta.grants(o.identity(), schema, name, "TABLE " + q, "relacl", "pg_class", oid, owner);
                    }
                    meta.columnGrants(o.identity(), schema, name, oid, owner);
                    meta.comment(o.identity(), schema, name, "TABLE " + q, comment);
                    meta.columnComments(o.identity(), schema, name, oid, q);
                    identitySequenceValues(o.identity(), oid);
                    if ((Boolean) r[7] || (Boolean) r[8]) {
                        List<String> rls = new ArrayList<>(List.of("ALTER TABLE " + q + " ENABLE ROW LEVEL SECURITY"));
                        if ((Boolean) r[8]) {
                            rls.add("ALTER TABLE " + q + " FORCE ROW LEVEL SECURITY");
                        }
                        objects.add(Objects.post("rls", "rls:" + schema + "." + name, schema, name, null,
                                List.of(o.identity()), List.of(o.identity()), rls));
                    }
                }
                case 'v', 'm' -> view(oid, schema, name, kind == 'm', owner, acl, comment, (String[]) r[9], (Boolean) r[10]);
                case 'S' -> sequence(oid, schema, name, owner, acl, comment, (Boolean) r[11]);
                case 'f' -> objects.warnings.add("foreign table " + q + " is not cloned (foreign tables are not supported)");
                default -> { }
            }
        }
        return tables;
    }

    private void view(long oid, String schema, String name, boolean materialized, String owner, boolean acl,
                      String comment, String[] options, boolean populated) throws SQLException {
        if (materialized && !scope.matviews()) {
            return;
        }
        String def;
        try (PreparedStatement ps = conn.prepareStatement("SELECT pg_get_viewdef(?::oid)")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                def = rs.getString(1).strip();
            }
        }
        if (def.endsWith(";")) {
            def = def.substring(0, def.length() - 1);
        }
        String q = qualified(schema, name);
        String kindWord = materialized ? "MATERIALIZED VIEW" : "VIEW";
        String with = options.length == 0 ? "" : " WITH (" + String.join(", ", options) + ")";
        String sql = "CREATE " + kindWord + " " + q + with + " AS\n" + def + (materialized ? "\nWITH NO DATA" : "");
        String id = (materialized ? "matview:" : "view:") + schema + "." + name;
        objects.add(Objects.pre(materialized ? "matview" : "view", id, schema, name, List.of("schema:" + schema), sql));
        objects.map(PG_CLASS, oid, id);
        relationIdentity.put(oid, id);
        meta.owner(id, schema, name, kindWord + " " + q, owner);
        if (acl) {
            meta.grants(id, schema, name, "TABLE " + q, "relacl", "pg_class", oid, owner);
        }
        meta.comment(id, schema, name, kindWord + " " + q, comment);
        meta.columnComments(id, schema, name, oid, q);
        if (materialized) {
            matviews.add(oid);
            if (populated) {
                objects.add(Objects.post("refresh", "refresh:" + schema + "." + name, schema, name, "matviews",
                        List.of(id), List.of(), "REFRESH MATERIALIZED VIEW " + q));
            }
        }
    }

    private void sequence(long oid, String schema, String name, String owner, boolean acl, String comment,
                          boolean unlogged) throws SQLException {
        String q = qualified(schema, name);
        String sql;
        try (PreparedStatement ps = conn.prepareStatement("SELECT format_type(seqtypid, NULL), seqstart, seqincrement,"
                + " seqmin, seqmax, seqcache, seqcycle FROM pg_sequence WHERE seqrelid = ?")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                sql = "CREATE " + (unlogged ? "UNLOGGED " : "") + "SEQUENCE " + q + " AS " + rs.getString(1)
                        + " START WITH " + rs.getLong(2) + " INCREMENT BY " + rs.getLong(3) + " MINVALUE " + rs.getLong(4)
                        + " MAXVALUE " + rs.getLong(5) + " CACHE " + rs.getLong(6) + (rs.getBoolean(7) ? " CYCLE" : " NO CYCLE");
            }
        }
        String id = "sequence:" + schema + "." + name;
        objects.add(Objects.pre("sequence", id, schema, name, List.of("schema:" + schema), sql));
        objects.map(PG_CLASS, oid, id);
        relationIdentity.put(oid, id);
        sequences.add(oid);
        meta.owner(id, schema, name, "SEQUENCE " + q, owner);
        if (acl) {
            meta.grants(id, schema, name, "SEQUENCE " + q, "relacl", "pg_class", oid, owner);
        }
        meta.comment(id, schema, name, "SEQUENCE " + q, comment);
        sequenceValue(id, schema, name, q);
        try (PreparedStatement ps = conn.prepareStatement("SELECT n.nspname, c.relname, a.attname FROM pg_depend d"
                + " JOIN pg_class c ON c.oid = d.refobjid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
                + " WHERE d.classid = 'pg_class'::regclass AND d.objid = ? AND d.refclassid = 'pg_class'::regclass"
                + " AND d.deptype = 'a'")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    String table = "table:" + rs.getString(1) + "." + rs.getString(2);
                    objects.add(Objects.pre("owned-by", "owned-by:" + schema + "." + name, schema, name, List.of(id, table),
                            "ALTER SEQUENCE " + q + " OWNED BY " + qualified(rs.getString(1), rs.getString(2)) + "."
                                    + quote(rs.getString(3))));
                }
            }
        }
    }

    /** The sequence's position, read now (sequences are not transactional) and set after the data. */
    private void sequenceValue(String seqId, String schema, String name, String q) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT last_value, is_called FROM " + q)) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                objects.add(Objects.post("sequence-value", "sequence-value:" + schema + "." + name, schema, name, null,
                        List.of(seqId), List.of(), "SELECT pg_catalog.setval(" + literal(q) + ", " + rs.getLong(1) + ", "
                                + rs.getBoolean(2) + ")"));
            }
        }
    }

    /** Identity columns' sequences come with the table; their positions are set after the data like any other. */
    private void identitySequenceValues(String tableId, long table) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT n.nspname, s.relname FROM pg_depend d"
                + " JOIN pg_class s ON s.oid = d.objid JOIN pg_namespace n ON n.oid = s.relnamespace"
                + " WHERE d.classid = 'pg_class'::regclass AND d.refobjid = ? AND d.deptype = 'i' AND s.relkind = 'S'"
                + " ORDER BY 1, 2")) {
            ps.setLong(1, table);
            List<String[]> seqs = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    seqs.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            for (String[] q : seqs) {
                sequenceValue(tableId, q[0], q[1], qualified(q[0], q[1]));
            }
        }
    }

    /** All partitions below the given partitioned tables, recursively. */
    List<Long> partitionsOf(List<Long> tables) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("WITH RECURSIVE p(oid) AS (SELECT unnest(?::oid[])"
                + " UNION SELECT i.inhrelid FROM pg_inherits i JOIN p ON i.inhparent = p.oid"
                + " JOIN pg_class c ON c.oid = i.inhrelid WHERE c.relispartition) SELECT oid FROM p"
                + " WHERE oid <> ALL (?::oid[])")) {
            Object[] arr = tables.toArray();
            ps.setArray(1, conn.createArrayOf("bigint", arr));
            ps.setArray(2, conn.createArrayOf("bigint", arr));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    /**
     * Table scope: the tables, and what creating them needs that the target may lack: the schemas, the sequences
     * their defaults use, the user types of their columns, the functions their defaults, checks and triggers call.
     */
    void tableScopeClosure(List<Long> tableOids) throws SQLException {
        relations(Set.of(), new LinkedHashSet<>(tableOids));
        Set<Long> seqs = new LinkedHashSet<>();
        Set<Long> typeOids = new LinkedHashSet<>();
        Set<Long> funcs = new LinkedHashSet<>();
        Set<Long> collations = new LinkedHashSet<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT d.refclassid::regclass::text, d.refobjid FROM pg_depend d"
                + " WHERE ((d.classid = 'pg_attrdef'::regclass AND d.objid IN (SELECT oid FROM pg_attrdef WHERE adrelid = ANY (?::oid[])))"
                + "  OR (d.classid = 'pg_class'::regclass AND d.objid = ANY (?::oid[]))"
                + "  OR (d.classid = 'pg_constraint'::regclass AND d.objid IN (SELECT oid FROM pg_constraint WHERE conrelid = ANY (?::oid[])))"
                + (scope.triggers() ? "  OR (d.classid = 'pg_trigger'::regclass AND d.objid IN (SELECT oid FROM pg_trigger"
                        + "   WHERE tgrelid = ANY (?::oid[]) AND NOT tgisinternal))" : "") + ")"
                + " AND d.refclassid IN ('pg_class'::regclass, 'pg_type'::regclass, 'pg_proc'::regclass,"
                + "   'pg_collation'::regclass)"
                + " AND d.deptype = 'n'")) {
            Object[] arr = tableOids.toArray();
            ps.setArray(1, conn.createArrayOf("bigint", arr));
            ps.setArray(2, conn.createArrayOf("bigint", arr));
            ps.setArray(3, conn.createArrayOf("bigint", arr));
            if (scope.triggers()) {
                ps.setArray(4, conn.createArrayOf("bigint", arr));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    switch (rs.getString(1)) {
                        case "pg_class" -> seqs.add(rs.getLong(2));
                        case "pg_type" -> typeOids.add(rs.getLong(2));
                        case "pg_proc" -> funcs.add(rs.getLong(2));
                        case "pg_collation" -> collations.add(rs.getLong(2));
                        default -> { }
                    }
                }
            }
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT oid FROM pg_class WHERE oid = ANY (?::oid[])"
                + " AND relkind = 'S'")) {
            ps.setArray(1, conn.createArrayOf("bigint", seqs.toArray()));
            Set<Long> realSeqs = new LinkedHashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    realSeqs.add(rs.getLong(1));
                }
            }
            if (!realSeqs.isEmpty()) {
                relations(Set.of(), realSeqs);
            }
        }
        // sequences owned by the tables' serial columns
        try (PreparedStatement ps = conn.prepareStatement("SELECT d.objid FROM pg_depend d JOIN pg_class c ON c.oid = d.objid"
                + " WHERE d.classid = 'pg_class'::regclass AND d.refobjid = ANY (?::oid[]) AND d.deptype = 'a'"
                + " AND c.relkind = 'S'")) {
            ps.setArray(1, conn.createArrayOf("bigint", tableOids.toArray()));
            Set<Long> owned = new LinkedHashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!sequences.contains(rs.getLong(1))) {
                        owned.add(rs.getLong(1));
                    }
                }
            }
            if (!owned.isEmpty()) {
                relations(Set.of(), owned);
            }
        }
        if (!collations.isEmpty()) {
            collations(Set.of(), collations);
        }
        for (long t : userTypes(typeOids)) {
            type(t);
        }
        warnBaseTypes(typeOids);
        Set<Long> userFuncs = new LinkedHashSet<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT p.oid FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                + " WHERE p.oid = ANY (?::oid[]) AND n.nspname NOT IN ('pg_catalog', 'information_schema')")) {
            ps.setArray(1, conn.createArrayOf("bigint", funcs.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    userFuncs.add(rs.getLong(1));
                }
            }
        }
        if (!userFuncs.isEmpty()) {
            functions(Set.of(), userFuncs);
        }
    }

    /**
     * Base types outside any extension among the columns' types (arrays resolved to their elements): they need C or
     * internal functions, so they are not cloned, and the table that uses one needs it on the target already.
     */
    private void warnBaseTypes(Set<Long> oids) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT DISTINCT quote_ident(n.nspname) || '.' || quote_ident(ty.typname)"
                + " FROM pg_type a JOIN pg_type ty ON ty.oid = CASE WHEN a.typcategory = 'A' AND a.typelem <> 0"
                + " THEN a.typelem ELSE a.oid END JOIN pg_namespace n ON n.oid = ty.typnamespace"
                + " WHERE a.oid = ANY (?::oid[]) AND ty.typtype = 'b' AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
                + notMember("pg_type", "ty.oid") + " ORDER BY 1")) {
            ps.setArray(1, conn.createArrayOf("bigint", oids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    objects.warnings.add("base type " + rs.getString(1) + " is not cloned (it is defined by C or internal"
                            + " functions outside an extension): the tables using it need it on the target first");
                }
            }
        }
    }

    /** The user-defined types among these (arrays resolved to their elements), with the types they are built on. */
    private Set<Long> userTypes(Set<Long> oids) throws SQLException {
        Set<Long> out = new LinkedHashSet<>();
        try (PreparedStatement ps = conn.prepareStatement("WITH RECURSIVE t(oid) AS ("
                + " SELECT CASE WHEN ty.typcategory = 'A' AND ty.typelem <> 0 THEN ty.typelem ELSE ty.oid END"
                + "   FROM pg_type ty WHERE ty.oid = ANY (?::oid[])"
                + " UNION SELECT x.ref FROM t JOIN pg_type ty ON ty.oid = t.oid, LATERAL (VALUES (ty.typbasetype),"
                + "   ((SELECT rngsubtype FROM pg_range WHERE rngtypid = ty.oid))) x(ref) WHERE x.ref IS NOT NULL AND x.ref <> 0)"
                + " SELECT t.oid FROM t JOIN pg_type ty ON ty.oid = t.oid JOIN pg_namespace n ON n.oid = ty.typnamespace"
                + " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND ty.typtype IN ('e', 'd', 'r', 'c')"
                + notMember("pg_type", "ty.oid"))) {
            ps.setArray(1, conn.createArrayOf("bigint", oids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ post-data

    void postData(List<Long> tableOids) throws SQLException {
        for (long t : tableOids) {
            try (PreparedStatement ps = conn.prepareStatement("SELECT c.oid, c.relkind FROM pg_class c WHERE c.oid = ?")) {
                ps.setLong(1, t);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getString(2).equals("p")) {
                        partitions.put(t, partitionsOf(List.of(t)));
                    }
                }
            }
        }
        List<Long> withIndexes = new ArrayList<>(tableOids);
        withIndexes.addAll(matviews);
        if (scope.constraints()) {
            constraints(tableOids);
        }
        if (scope.indexes()) {
            indexes(withIndexes);
        }
        if (scope.triggers()) {
            triggers(tableOids);
        }
        policies(tableOids);
        statistics(tableOids);
        new TableProperties(conn, objects, relationIdentity, this::loadedFirst).read(tableOids);
        rules(tableOids);
        analyze(tableOids);
    }

    /**
     * Planner statistics for each table once it is loaded and indexed (expression indexes have statistics too), as
     * the source has them: autovacuum would get there later, the first queries on a fresh clone would not. A
     * partitioned table's ANALYZE covers its partitions. The sink can leave these out (post.data.analyze).
     */
    private void analyze(List<Long> tableOids) {
        Set<Long> covered = new java.util.HashSet<>();
        partitions.values().forEach(covered::addAll);
        // after the table's indexes and keys: their builds and ANALYZE would wait on each other's locks
        Map<String, List<String>> buildsByTable = new HashMap<>();
        for (CatalogObject o : objects.byIdentity.values()) {
            if (o.kind().equals("index") || o.kind().equals("constraint")) {
                o.needsTables().forEach(t -> buildsByTable.computeIfAbsent(t, k -> new ArrayList<>()).add(o.identity()));
            }
        }
        for (long t : tableOids) {
            String id = relationIdentity.get(t);
            if (id == null || covered.contains(t)) {
                continue;
            }
            CatalogObject table = objects.byIdentity.get(id);
            List<String> needs = loadedFirst(t);
            List<String> indexes = needs.stream().flatMap(n -> buildsByTable.getOrDefault(n, List.of()).stream())
                    .distinct().toList();
            String name = id.substring(id.indexOf(':') + 1);
            objects.add(Objects.post("analyze", "analyze:" + name, table.schema(), table.name(), null, indexes, needs,
                    "ANALYZE " + qualified(table.schema(), table.name())));
        }
    }

    /** A table and, for a partitioned one, every partition: what must be loaded before its post-data runs. */
    private List<String> loadedFirst(long table) {
        List<String> out = new ArrayList<>();
        String id = relationIdentity.get(table);
        if (id != null) {
            out.add(id);
        }
        for (long p : partitions.getOrDefault(table, List.of())) {
            String pid = relationIdentity.get(p);
            if (pid != null) {
                out.add(pid);
            }
        }
        return out;
    }

    private void constraints(List<Long> tables) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT c.oid, n.nspname, r.relname, c.conname, c.contype,"
                + " pg_get_constraintdef(c.oid), c.conrelid, c.confrelid, c.conindid, obj_description(c.oid, 'pg_constraint')"
                + " FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid JOIN pg_namespace n ON n.oid = r.relnamespace"
                + " WHERE c.conrelid = ANY (?::oid[]) AND c.contype IN ('p', 'u', 'c', 'f', 'x') AND c.conparentid = 0"
                + " AND c.conislocal ORDER BY n.nspname, r.relname, c.conname")) {
            ps.setArray(1, conn.createArrayOf("bigint", tables.toArray()));
            List<Object[]> fks = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String schema = rs.getString(2);
                    String table = rs.getString(3);
                    String name = rs.getString(4);
                    char type = rs.getString(5).charAt(0);
                    String id = "constraint:" + schema + "." + table + "." + name;
                    String tableId = relationIdentity.get(rs.getLong(7));
                    String sql = "ALTER TABLE " + qualified(schema, table) + " ADD CONSTRAINT " + quote(name) + " "
                            + rs.getString(6);
                    objects.map(PG_CONSTRAINT, rs.getLong(1), id);
                    if (type == 'f') {
                        fks.add(new Object[] {id, schema, table, name, sql, rs.getLong(7), rs.getLong(8), rs.getLong(9),
                                rs.getString(10)});
                        continue;
                    }
                    objects.add(Objects.post("constraint", id, schema, name, "constraints", List.of(tableId),
                            loadedFirst(rs.getLong(7)), sql));
                    meta.comment(id, schema, name, "CONSTRAINT " + quote(name) + " ON " + qualified(schema, table), rs.getString(10));
                }
            }
            for (Object[] fk : fks) {
                long referenced = (Long) fk[6];
                List<String> needs = new ArrayList<>(loadedFirst((Long) fk[5]));
                needs.addAll(loadedFirst(referenced));
                List<String> deps = new ArrayList<>(List.of(relationIdentity.getOrDefault((Long) fk[5], "")));
                String keyId = keyBehind(referenced, (Long) fk[7]);
                if (keyId != null) {
                    deps.add(keyId);
                } else if (!relationIdentity.containsKey(referenced)) {
                    objects.warnings.add("foreign key " + fk[3] + " of " + qualified((String) fk[1], (String) fk[2])
                            + " references a table outside the clone: it must exist on the target");
                }
                objects.add(Objects.post("constraint", (String) fk[0], (String) fk[1], (String) fk[3], "constraints", deps,
                        needs, (String) fk[4]));
                meta.comment((String) fk[0], (String) fk[1], (String) fk[3], "CONSTRAINT " + quote((String) fk[3]) + " ON "
                        + qualified((String) fk[1], (String) fk[2]), (String) fk[8]);
            }
        }
    }

    /** The identity of the primary key, unique constraint or unique index a foreign key's index refers to. */
    private String keyBehind(long referencedTable, long index) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT n.nspname, r.relname, c.conname FROM pg_constraint c"
                + " JOIN pg_class r ON r.oid = c.conrelid JOIN pg_namespace n ON n.oid = r.relnamespace"
                + " WHERE c.conrelid = ? AND c.conindid = ? AND c.contype IN ('p', 'u')")) {
            ps.setLong(1, referencedTable);
            ps.setLong(2, index);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return "constraint:" + rs.getString(1) + "." + rs.getString(2) + "." + rs.getString(3);
                }
            }
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT n.nspname, c.relname FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = ?")) {
            ps.setLong(1, index);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? "index:" + rs.getString(1) + "." + rs.getString(2) : null;
            }
        }
    }

    /**
     * Indexes that no constraint owns. An index of a partition that belongs to its parent's partitioned index is
     * created on its own, then attached (as pg_dump does), so it keeps its name.
     */
    private void indexes(List<Long> relations) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT i.indexrelid, n.nspname, ic.relname, pg_get_indexdef(i.indexrelid),"
                + " i.indrelid, obj_description(i.indexrelid, 'pg_class'),"
                + " (SELECT h.inhparent FROM pg_inherits h WHERE h.inhrelid = i.indexrelid) FROM pg_index i"
                + " JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ic.relnamespace"
                + " WHERE i.indrelid = ANY (?::oid[])"
                + " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid"
                + "   AND c.contype IN ('p', 'u', 'x'))"
                + " ORDER BY n.nspname, ic.relname")) {
            ps.setArray(1, conn.createArrayOf("bigint", relations.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                            rs.getString(6), rs.getObject(7) == null ? null : rs.getLong(7)});
                }
            }
        }
        Map<Long, Object[]> byOid = new HashMap<>();
        for (Object[] r : rows) {
            objects.map(PG_CLASS, (Long) r[0], "index:" + r[1] + "." + r[2]);
            byOid.put((Long) r[0], r);
        }
        for (Object[] r : rows) {
            String schema = (String) r[1];
            String name = (String) r[2];
            String id = "index:" + schema + "." + name;
            long rel = (Long) r[4];
            String relId = relationIdentity.get(rel);
            List<String> deps = new ArrayList<>(List.of(relId));
            List<String> sql = new ArrayList<>(List.of((String) r[3]));
            Object[] parent = r[6] == null ? null : byOid.get((Long) r[6]);
            if (parent != null) {
                deps.add("index:" + parent[1] + "." + parent[2]);
                sql.add("ALTER INDEX " + qualified((String) parent[1], (String) parent[2]) + " ATTACH PARTITION "
                        + qualified(schema, name));
            }
            boolean onMatview = matviews.contains(rel);
            if (onMatview) {
                String refresh = "refresh:" + relId.substring("matview:".length());
                if (objects.byIdentity.containsKey(refresh)) {
                    deps.add(refresh); // built on the refreshed rows
                }
            }
            objects.add(Objects.post("index", id, schema, name, onMatview ? "matviews" : "indexes", deps,
                    onMatview ? List.of() : loadedFirst(rel), sql));
            meta.comment(id, schema, name, "INDEX " + qualified(schema, name), (String) r[5]);
        }
    }

    private void triggers(List<Long> tables) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT t.oid, n.nspname, r.relname, t.tgname, pg_get_triggerdef(t.oid),"
                + " t.tgrelid, t.tgenabled, obj_description(t.oid, 'pg_trigger') FROM pg_trigger t"
                + " JOIN pg_class r ON r.oid = t.tgrelid JOIN pg_namespace n ON n.oid = r.relnamespace"
                + " WHERE t.tgrelid = ANY (?::oid[]) AND NOT t.tgisinternal AND t.tgparentid = 0"
                + " ORDER BY n.nspname, r.relname, t.tgname")) {
            ps.setArray(1, conn.createArrayOf("bigint", tables.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String schema = rs.getString(2);
                    String table = rs.getString(3);
                    String name = rs.getString(4);
                    String q = qualified(schema, table);
                    List<String> sql = new ArrayList<>(List.of(rs.getString(5)));
                    switch (rs.getString(7)) {
                        case "D" -> sql.add("ALTER TABLE " + q + " DISABLE TRIGGER " + quote(name));
                        case "R" -> sql.add("ALTER TABLE " + q + " ENABLE REPLICA TRIGGER " + quote(name));
                        case "A" -> sql.add("ALTER TABLE " + q + " ENABLE ALWAYS TRIGGER " + quote(name));
                        default -> { }
                    }
                    String id = "trigger:" + schema + "." + table + "." + name;
                    objects.map("pg_trigger", rs.getLong(1), id);
                    objects.add(Objects.post("trigger", id, schema, name, "triggers", List.of(relationIdentity.get(rs.getLong(6))),
                            loadedFirst(rs.getLong(6)), sql));
                    meta.comment(id, schema, name, "TRIGGER " + quote(name) + " ON " + q, rs.getString(8));
                }
            }
        }
    }

    private void policies(List<Long> tables) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT p.oid, n.nspname, r.relname, p.polname, p.polcmd,"
                + " p.polpermissive, ARRAY(SELECT CASE WHEN o = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(o) END"
                + "   FROM unnest(p.polroles) o), pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid),"
                + " p.polrelid, obj_description(p.oid, 'pg_policy') FROM pg_policy p JOIN pg_class r ON r.oid = p.polrelid"
                + " JOIN pg_namespace n ON n.oid = r.relnamespace WHERE p.polrelid = ANY (?::oid[])"
                + " ORDER BY n.nspname, r.relname, p.polname")) {
            ps.setArray(1, conn.createArrayOf("bigint", tables.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String schema = rs.getString(2);
                    String table = rs.getString(3);
                    String name = rs.getString(4);
                    String q = qualified(schema, table);
                    String cmd = switch (rs.getString(5)) {
                        case "r" -> "SELECT";
                        case "a" -> "INSERT";
                        case "w" -> "UPDATE";
                        case "d" -> "DELETE";
                        default -> "ALL";
                    };
                    List<String> deps = new ArrayList<>(List.of(relationIdentity.get(rs.getLong(10))));
                    StringJoiner roles = new StringJoiner(", ");
                    for (String role : textArray(rs, 7)) {
                        roles.add(role.equals("PUBLIC") ? "PUBLIC" : quote(role));
                        if (!role.equals("PUBLIC")) {
                            deps.add("role:" + role);
                        }
                    }
                    StringBuilder sql = new StringBuilder("CREATE POLICY ").append(quote(name)).append(" ON ").append(q)
                            .append(rs.getBoolean(6) ? " AS PERMISSIVE" : " AS RESTRICTIVE").append(" FOR ").append(cmd)
                            .append(" TO ").append(roles);
                    if (rs.getString(8) != null) {
                        sql.append(" USING (").append(rs.getString(8)).append(')');
                    }
                    if (rs.getString(9) != null) {
                        sql.append(" WITH CHECK (").append(rs.getString(9)).append(')');
                    }
                    String id = "policy:" + schema + "." + table + "." + name;
                    objects.map("pg_policy", rs.getLong(1), id);
                    objects.add(Objects.post("policy", id, schema, name, null, deps, loadedFirst(rs.getLong(10)), sql.toString()));
                    meta.comment(id, schema, name, "POLICY " + quote(name) + " ON " + q, rs.getString(11));
                }
            }
        }
    }

    private void statistics(List<Long> tables) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT n.nspname, s.stxname, pg_get_statisticsobjdef(s.oid), s.stxrelid, s.oid"
                + " FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace WHERE s.stxrelid = ANY (?::oid[])"
                + " ORDER BY 1, 2")) {
            ps.setArray(1, conn.createArrayOf("bigint", tables.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = "statistics:" + rs.getString(1) + "." + rs.getString(2);
                    objects.map("pg_statistic_ext", rs.getLong(5), id);
                    objects.add(Objects.post("statistics", id, rs.getString(1), rs.getString(2), null,
                            List.of(relationIdentity.get(rs.getLong(4))), List.of(), rs.getString(3)));
                }
            }
        }
    }

    /**
     * Objects of a whole-schema (or database) clone that it does not recreate, named in warnings: text-search
     * parsers and templates outside extensions; and, for a database clone, event triggers.
     */
    /** Operators and their classes and families, casts, conversions, text search objects of the schemas. */
    void otherSchemaObjects(Set<String> schemas) throws SQLException {
        OperatorObjects.read(conn, objects, meta, schemas);
        OperatorClassObjects.read(conn, objects, meta, schemas);
        CastObjects.read(conn, objects, meta, schemas);
        ConversionObjects.read(conn, objects, meta, schemas);
        TextSearchObjects.read(conn, objects, meta, schemas);
    }

    void warnAboutUnsupported(Set<String> schemas, boolean database) throws SQLException {
        String[][] kinds = {
            {"text search parser", "SELECT n.nspname || '.' || p.prsname FROM pg_ts_parser p"
                    + " JOIN pg_namespace n ON n.oid = p.prsnamespace WHERE n.nspname = ANY (?)" + notMember("pg_ts_parser", "p.oid")},
            {"text search template", "SELECT n.nspname || '.' || t.tmplname FROM pg_ts_template t"
                    + " JOIN pg_namespace n ON n.oid = t.tmplnamespace WHERE n.nspname = ANY (?)" + notMember("pg_ts_template", "t.oid")},
        };
        for (String[] k : kinds) {
            try (PreparedStatement ps = conn.prepareStatement(k[1] + " ORDER BY 1")) {
                ps.setArray(1, conn.createArrayOf("text", schemas.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        objects.warnings.add(k[0] + " " + rs.getString(1) + " is not cloned (not supported yet):"
                                + " create it on the target first if the clone needs it");
                    }
                }
            }
        }
        if (database) {
            try (PreparedStatement ps = conn.prepareStatement("SELECT evtname FROM pg_event_trigger et WHERE true"
                    + notMember("pg_event_trigger", "et.oid") + " ORDER BY 1");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    objects.warnings.add("event trigger " + rs.getString(1) + " is not cloned (event triggers are not"
                            + " supported)");
                }
            }
        }
    }

    /** Rules on the clone's tables (a view's _RETURN rule is the view), with their enabled state, after the tables. */
    private void rules(List<Long> tables) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT r.oid, n.nspname, c.relname, r.rulename,"
                + " pg_get_ruledef(r.oid), r.ev_enabled::text, r.ev_class, obj_description(r.oid, 'pg_rewrite')"
                + " FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE r.ev_class = ANY (?::oid[]) AND r.rulename <> '_RETURN' ORDER BY 2, 3, 4")) {
            ps.setArray(1, conn.createArrayOf("bigint", tables.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String schema = rs.getString(2);
                    String table = rs.getString(3);
                    String name = rs.getString(4);
                    String id = "rule:" + schema + "." + table + "." + name;
                    String def = rs.getString(5).strip();
                    List<String> sql = new ArrayList<>(List.of(def.endsWith(";") ? def.substring(0, def.length() - 1) : def));
                    String state = switch (rs.getString(6)) {
                        case "D" -> "DISABLE RULE ";
                        case "R" -> "ENABLE REPLICA RULE ";
                        case "A" -> "ENABLE ALWAYS RULE ";
                        default -> null;
                    };
                    if (state != null) {
                        sql.add("ALTER TABLE " + qualified(schema, table) + " " + state + quote(name));
                    }
                    objects.map("pg_rewrite", rs.getLong(1), id);
                    objects.add(Objects.post("rule", id, schema, name, null, List.of(relationIdentity.get(rs.getLong(7))),
                            loadedFirst(rs.getLong(7)), sql));
                    meta.comment(id, schema, name, "RULE " + quote(name) + " ON " + qualified(schema, table), rs.getString(8));
                }
            }
        }
    }

    // ------------------------------------------------------------------ dependencies

    /**
     * Adds the dependencies {@code pg_depend} records between gathered objects (views through their rules, defaults
     * through pg_attrdef), and the extensions whose members they use.
     */
    void dependencies() throws SQLException {
        Map<String, Set<String>> extra = new HashMap<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT d.classid::regclass::text, d.objid,"
                + " CASE WHEN d.classid = 'pg_rewrite'::regclass THEN (SELECT ev_class FROM pg_rewrite WHERE oid = d.objid)"
                + "      WHEN d.classid = 'pg_attrdef'::regclass THEN (SELECT adrelid FROM pg_attrdef WHERE oid = d.objid) END,"
                + " d.refclassid::regclass::text, d.refobjid,"
                + " (SELECT e.refobjid FROM pg_depend e WHERE e.classid = d.refclassid AND e.objid = d.refobjid"
                + "   AND e.deptype = 'e' AND e.refclassid = 'pg_extension'::regclass LIMIT 1),"
                // a type that is an array: its element; a row type (of a table, view or composite): its relation
                + " (SELECT CASE WHEN t.typcategory = 'A' AND t.typelem <> 0 THEN t.typelem END FROM pg_type t"
                + "   WHERE d.refclassid = 'pg_type'::regclass AND t.oid = d.refobjid),"
                + " (SELECT coalesce(nullif(t.typrelid, 0), (SELECT e.typrelid FROM pg_type e WHERE e.oid = t.typelem"
                + "   AND t.typcategory = 'A')) FROM pg_type t WHERE d.refclassid = 'pg_type'::regclass AND t.oid = d.refobjid)"
                + " FROM pg_depend d WHERE d.deptype IN ('n', 'a') AND d.objid <> d.refobjid"
                + " AND d.classid IN ('pg_class'::regclass, 'pg_type'::regclass, 'pg_proc'::regclass,"
                + "   'pg_rewrite'::regclass, 'pg_attrdef'::regclass" + SCHEMA_KINDS + ")"
                + " AND d.refclassid IN ('pg_class'::regclass, 'pg_type'::regclass, 'pg_proc'::regclass"
                + SCHEMA_KINDS + ")")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String from = rs.getLong(3) != 0 ? objects.identityOf(PG_CLASS, rs.getLong(3))
                            : objects.identityOf(rs.getString(1), rs.getLong(2));
                    if (from == null) {
                        continue;
                    }
                    String to = objects.identityOf(rs.getString(4), rs.getLong(5));
                    if (to == null && rs.getLong(7) != 0) {
                        to = objects.identityOf(PG_TYPE, rs.getLong(7));
                    }
                    if (to == null && rs.getLong(8) != 0) { // RETURNS SETOF t, t[] arguments, %ROWTYPE
                        to = objects.identityOf(PG_CLASS, rs.getLong(8));
                    }
                    if (to == null && rs.getLong(6) != 0) { // a member of an extension: depend on the extension
                        to = objects.identityOf(PG_EXTENSION, rs.getLong(6));
                        if (to == null) {
                            to = extensionById(rs.getLong(6));
                        }
                    }
                    if (to != null && !to.equals(from)) {
                        extra.computeIfAbsent(from, k -> new LinkedHashSet<>()).add(to);
                    }
                }
            }
        }
        columnDependencies(extra);
        extra.forEach((id, deps) -> {
            CatalogObject o = objects.byIdentity.get(id);
            if (o != null) {
                objects.byIdentity.put(id, Objects.withDeps(o, new ArrayList<>(deps)));
            }
        });
        // partitions after their parent, inheritance children after theirs
        for (CatalogObject o : List.copyOf(objects.byIdentity.values())) {
            if (o.table() != null) {
                List<String> parents = new ArrayList<>();
                if (o.table().partitionOf() != null) {
                    parents.add("table:" + o.table().partitionOf().schema() + "." + o.table().partitionOf().name());
                }
                o.table().inherits().forEach(p -> parents.add("table:" + p.schema() + "." + p.name()));
                if (!parents.isEmpty()) {
                    objects.byIdentity.put(o.identity(), Objects.withDeps(o, parents));
                }
            }
        }
    }

    /**
     * Which columns each object needs (indexes, constraints, triggers, policies, statistics, views, through
     * {@code pg_depend}), so a clone that leaves a column out can leave out what needs it, and say so.
     */
    private void columnDependencies(Map<String, Set<String>> extra) throws SQLException {
        if (relationIdentity.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT d.classid::regclass::text, d.objid,"
                + " CASE WHEN d.classid = 'pg_rewrite'::regclass THEN (SELECT ev_class FROM pg_rewrite WHERE oid = d.objid) END,"
                + " n.nspname, c.relname, a.attname FROM pg_depend d"
                + " JOIN pg_class c ON c.oid = d.refobjid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
                + " WHERE d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0 AND d.refobjid = ANY (?::oid[])"
                + " AND d.classid IN ('pg_class'::regclass, 'pg_constraint'::regclass, 'pg_trigger'::regclass,"
                + "   'pg_rewrite'::regclass, 'pg_policy'::regclass, 'pg_statistic_ext'::regclass)"
                + " AND NOT (d.classid = 'pg_class'::regclass AND (d.objid = d.refobjid"
                + "   OR (SELECT relkind FROM pg_class WHERE oid = d.objid) = 'S'))")) {
            ps.setArray(1, conn.createArrayOf("bigint", relationIdentity.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String from = rs.getLong(3) != 0 ? objects.identityOf(PG_CLASS, rs.getLong(3))
                            : objects.identityOf(rs.getString(1), rs.getLong(2));
                    if (from != null && !from.startsWith("table:")) {
                        extra.computeIfAbsent(from, k -> new LinkedHashSet<>())
                                .add(CatalogObject.columnId(rs.getString(4), rs.getString(5), rs.getString(6)));
                    }
                }
            }
        }
    }

    private String extensionById(long oid) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT e.extname, n.nspname FROM pg_extension e"
                + " JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.oid = ?")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(1).equals("plpgsql")) {
                    return null;
                }
                return extension(oid, rs.getString(1), rs.getString(2));
            }
        }
    }

    static String qualify(QualifiedName n) {
        return Identifiers.qualified(n.schema(), n.name());
    }
}
