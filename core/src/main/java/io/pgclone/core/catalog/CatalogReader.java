package io.pgclone.core.catalog;

import io.pgclone.core.sql.QualifiedName;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the source catalog. Call inside the clone's snapshot transaction: it sets {@code search_path = pg_catalog}
 * for the transaction, so every type and expression the server deparses comes out schema-qualified.
 * {@link #read(Scope)} gathers every object of a scope (see docs/decisions/0003); {@link #tables(List)} just tables.
 */
public final class CatalogReader {
    private final Connection conn;
    private final TableReader tableReader;

    public CatalogReader(Connection conn) throws SQLException {
        this.conn = conn;
        this.tableReader = new TableReader(conn);
        try (Statement st = conn.createStatement()) {
            st.execute("SET LOCAL search_path = pg_catalog");
        }
    }

    // ------------------------------------------------------------------ tables

    /** The tables named, in the order given; a table that does not exist (or is not a table) is an error. */
    public List<TableDef> tables(List<QualifiedName> names) throws SQLException {
        List<TableDef> out = new ArrayList<>();
        for (QualifiedName n : names) {
            out.add(table(tableOid(n)));
        }
        return out;
    }

    /** Thrown when a table named in the settings is not on the source. */
    public static final class MissingTableException extends SQLException {
        private final QualifiedName table;

        public MissingTableException(QualifiedName table) {
            super("table " + table + " does not exist on the source (or is not a table)");
            this.table = table;
        }

        public QualifiedName table() {
            return table;
        }
    }

    /** Thrown when a schema named in the settings is not on the source. */
    public static final class MissingSchemaException extends SQLException {
        public MissingSchemaException(String schema) {
            super("schema " + schema + " does not exist on the source");
        }
    }

    private long tableOid(QualifiedName n) throws SQLException {
        Long oid = CatalogQuery.first(conn, "SELECT c.oid FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace"
                + " WHERE ns.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')", rs -> rs.getLong(1),
                n.schema(), n.name());
        if (oid == null) {
            throw new MissingTableException(n);
        }
        return oid;
    }

    public TableDef table(long oid) throws SQLException {
        return tableReader.table(oid);
    }

    // ------------------------------------------------------------------ the whole catalog

    /** Every object of the scope, pre-data in creation order then post-data, and the tables whose rows travel. */
    public Catalog read(Scope scope) throws SQLException {
        Objects objects = new Objects();
        Set<String> schemas = scope.wholeSchemas() ? schemas(scope) : new TreeSet<>();
        List<Long> namedTables = new ArrayList<>();
        if (!scope.functionsOnly() && !scope.wholeSchemas()) {
            for (QualifiedName t : scope.tables()) {
                namedTables.add(tableOid(t));
            }
        }
        List<Long> tableOids = new CatalogBuilder(conn, tableReader, scope, objects).build(schemas, namedTables);
        List<CatalogObject> all = new ArrayList<>(objects.byIdentity.values());
        List<CatalogObject> pre = Dependencies.order(all.stream().filter(o -> !o.isPostData()).toList());
        List<CatalogObject> post = all.stream().filter(CatalogObject::isPostData)
                .sorted(Comparator.comparingInt(Dependencies::priority).thenComparing(CatalogObject::identity)).toList();
        List<CatalogObject> ordered = new ArrayList<>(pre);
        ordered.addAll(post);
        List<TableDef> tables = new ArrayList<>();
        for (long oid : new LinkedHashSet<>(tableOids)) {
            tables.add(table(oid));
        }
        tables.sort(Comparator.comparing((TableDef t) -> t.name().schema()).thenComparing(t -> t.name().name()));
        return new Catalog(ordered, tables, objects.warnings);
    }

    /** The schemas of a whole-schema scope: those named (each must exist), or every user schema. */
    private Set<String> schemas(Scope scope) throws SQLException {
        Set<String> out = new TreeSet<>();
        if (scope.allSchemas()) {
            out.addAll(CatalogQuery.list(conn, "SELECT n.nspname FROM pg_namespace n"
                    + " WHERE n.nspname NOT IN ('information_schema', 'pgclone') AND n.nspname NOT LIKE 'pg\\_%'"
                    + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass"
                    + "   AND d.objid = n.oid AND d.deptype = 'e')", rs -> rs.getString(1)));
            return out;
        }
        for (String s : scope.schemas()) {
            if (CatalogQuery.rows(conn, "SELECT 1 FROM pg_namespace WHERE nspname = ?", s).isEmpty()) {
                throw new MissingSchemaException(s);
            }
            out.add(s);
        }
        return out;
    }
}
