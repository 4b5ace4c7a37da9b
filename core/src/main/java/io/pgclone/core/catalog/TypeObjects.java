package io.pgclone.core.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

import static io.pgclone.core.catalog.CatalogSql.PG_CLASS;
import static io.pgclone.core.catalog.CatalogSql.PG_COLLATION;
import static io.pgclone.core.catalog.CatalogSql.PG_TYPE;
import static io.pgclone.core.catalog.CatalogSql.notMember;
import static io.pgclone.core.catalog.CatalogSql.qualified;
import static io.pgclone.core.sql.Identifiers.literal;
import static io.pgclone.core.sql.Identifiers.quote;

/** User types (enum, composite, domain, range) and collations, each with its owner, grants and comment. */
final class TypeObjects extends CatalogPart {

    private record TypeRow(String schema, String name, char typtype, String owner, String comment, long typrelid,
                           boolean acl) {
    }

    TypeObjects(CatalogContext ctx) {
        super(ctx);
    }

    void types(Set<String> schemas) throws SQLException {
        List<Long> oids = CatalogQuery.longs(conn, "SELECT t.oid FROM pg_type t JOIN pg_namespace n"
                + " ON n.oid = t.typnamespace WHERE n.nspname = ANY (?) AND (t.typtype IN ('e', 'd', 'r')"
                + " OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))"
                + notMember("pg_type", "t.oid") + " ORDER BY 1", schemas);
        for (long oid : oids) {
            type(oid);
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
        TypeRow t = CatalogQuery.one(conn, "SELECT n.nspname, t.typname, t.typtype, pg_get_userbyid(t.typowner),"
                + " obj_description(t.oid, 'pg_type'), t.typrelid, t.typacl IS NOT NULL FROM pg_type t"
                + " JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.oid = ?",
                rs -> new TypeRow(rs.getString(1), rs.getString(2), rs.getString(3).charAt(0), rs.getString(4),
                        rs.getString(5), rs.getLong(6), rs.getBoolean(7)), oid);
        String schema = t.schema();
        String name = t.name();
        String id = "type:" + schema + "." + name;
        String q = qualified(schema, name);
        List<String> sql = switch (t.typtype()) {
            case 'e' -> List.of(enumSql(oid, q));
            case 'c' -> List.of(compositeSql(t.typrelid(), q));
            case 'd' -> domainSql(oid, q);
            case 'r' -> List.of(rangeSql(oid, q));
            default -> null;
        };
        if (sql == null) {
            return;
        }
        objects.add(Objects.pre("type", id, schema, name, List.of("schema:" + schema), sql));
        objects.map(PG_TYPE, oid, id);
        if (t.typrelid() != 0) {
            objects.map(PG_CLASS, t.typrelid(), id);
        }
        referencedSchemas.add(schema);
        String what = (t.typtype() == 'd' ? "DOMAIN " : "TYPE ") + q;
        meta.owner(id, schema, name, what, t.owner());
        if (t.acl()) {
            meta.grants(id, schema, name, what, "typacl", "pg_type", oid, t.owner());
        }
        meta.comment(id, schema, name, what, t.comment());
    }

    private String enumSql(long oid, String q) throws SQLException {
        StringJoiner labels = new StringJoiner(", ", "CREATE TYPE " + q + " AS ENUM (", ")");
        CatalogQuery.each(conn, "SELECT enumlabel FROM pg_enum WHERE enumtypid = ? ORDER BY enumsortorder",
                rs -> labels.add(literal(rs.getString(1))), oid);
        return labels.toString();
    }

    private String compositeSql(long typrelid, String q) throws SQLException {
        StringJoiner attrs = new StringJoiner(", ", "CREATE TYPE " + q + " AS (", ")");
        CatalogQuery.each(conn, "SELECT quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod)"
                + " || CASE WHEN a.attcollation <> t.typcollation AND a.attcollation <> 0 THEN ' COLLATE ' ||"
                + " (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co"
                + "  JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation) ELSE '' END"
                + " FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid WHERE a.attrelid = ? AND a.attnum > 0"
                + " AND NOT a.attisdropped ORDER BY a.attnum", rs -> attrs.add(rs.getString(1)), typrelid);
        return attrs.toString();
    }

    /** CREATE DOMAIN, then one ALTER DOMAIN per constraint that is NOT VALID (not allowed in CREATE DOMAIN). */
    private List<String> domainSql(long oid, String q) throws SQLException {
        StringBuilder b = new StringBuilder("CREATE DOMAIN ").append(q).append(" AS ");
        List<String> notValid = new ArrayList<>();
        CatalogQuery.one(conn, "SELECT format_type(t.typbasetype, t.typtypmod), t.typnotnull,"
                + " pg_get_expr(t.typdefaultbin, 0), CASE WHEN t.typcollation <> b.typcollation AND t.typcollation <> 0 THEN"
                + " (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co"
                + "  JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = t.typcollation) END"
                + " FROM pg_type t JOIN pg_type b ON b.oid = t.typbasetype WHERE t.oid = ?", rs -> {
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
            return b;
        }, oid);
        CatalogQuery.each(conn, "SELECT conname, pg_get_constraintdef(oid), convalidated"
                + " FROM pg_constraint WHERE contypid = ? AND contype = 'c' ORDER BY conname", rs -> {
            if (rs.getBoolean(3)) {
                b.append(" CONSTRAINT ").append(quote(rs.getString(1))).append(' ').append(rs.getString(2));
            } else { // NOT VALID is not allowed in CREATE DOMAIN
                notValid.add("ALTER DOMAIN " + q + " ADD CONSTRAINT " + quote(rs.getString(1)) + " " + rs.getString(2));
            }
        }, oid);
        List<String> out = new ArrayList<>(List.of(b.toString()));
        out.addAll(notValid);
        return out;
    }

    private String rangeSql(long oid, String q) throws SQLException {
        return CatalogQuery.one(conn, "SELECT format_type(r.rngsubtype, NULL),"
                + " quote_ident(on2.nspname) || '.' || quote_ident(opc.opcname), CASE WHEN r.rngcollation <> 0 THEN"
                + " (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co"
                + "  JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = r.rngcollation) END,"
                + " NULLIF(r.rngcanonical, 0)::regproc::text, NULLIF(r.rngsubdiff, 0)::regproc::text,"
                + " (SELECT quote_ident(mn.nspname) || '.' || quote_ident(mt.typname) FROM pg_type mt"
                + "  JOIN pg_namespace mn ON mn.oid = mt.typnamespace WHERE mt.oid = r.rngmultitypid)"
                + " FROM pg_range r JOIN pg_opclass opc ON opc.oid = r.rngsubopc JOIN pg_namespace on2 ON on2.oid = opc.opcnamespace"
                + " WHERE r.rngtypid = ?", rs -> {
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
        }, oid);
    }
}
