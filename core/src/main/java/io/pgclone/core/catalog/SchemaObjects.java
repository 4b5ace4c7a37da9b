package io.pgclone.core.catalog;

import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static io.pgclone.core.catalog.CatalogSql.PG_EXTENSION;
import static io.pgclone.core.catalog.CatalogSql.PG_NAMESPACE;
import static io.pgclone.core.sql.Identifiers.quote;

/** Schemas (a whole one with its owner, grants and comment) and the extensions of the clone. */
final class SchemaObjects extends CatalogPart {

    SchemaObjects(CatalogContext ctx) {
        super(ctx);
    }

    /** The schemas of the scope and those the gathered objects live in. */
    void schemas(Set<String> scoped, boolean whole) throws SQLException {
        Set<String> all = new LinkedHashSet<>(scoped);
        all.addAll(referencedSchemas);
        for (String s : all) {
            String id = "schema:" + s;
            objects.add(Objects.pre("schema", id, s, s, List.of(),
                    "CREATE SCHEMA IF NOT EXISTS " + quote(s)));
            CatalogQuery.each(conn, "SELECT oid, pg_get_userbyid(nspowner),"
                    + " obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = ?", rs -> {
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
            }, s);
        }
    }

    void extensions(Set<String> schemas) throws SQLException {
        CatalogQuery.each(conn, "SELECT e.oid, e.extname, n.nspname FROM pg_extension e"
                + " JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql' AND n.nspname = ANY (?)",
                rs -> extension(rs.getLong(1), rs.getString(2), rs.getString(3)), schemas);
    }

    /** The extension with this OID (the clone uses a member of it), gathered; null for plpgsql. */
    String extension(long oid) throws SQLException {
        String[] e = CatalogQuery.first(conn, "SELECT e.extname, n.nspname FROM pg_extension e"
                + " JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.oid = ?", CatalogQuery::texts, oid);
        if (e == null || e[0].equals("plpgsql")) {
            return null;
        }
        return extension(oid, e[0], e[1]);
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
}
