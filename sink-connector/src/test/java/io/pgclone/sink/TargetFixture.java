package io.pgclone.sink;

import io.pgclone.core.catalog.Catalog;
import io.pgclone.core.catalog.CatalogObject;
import io.pgclone.core.catalog.CatalogReader;
import io.pgclone.core.catalog.Scope;
import io.pgclone.core.catalog.TableDef;
import io.pgclone.core.conn.ConnInfo;
import io.pgclone.core.conn.PgConnections;
import io.pgclone.core.protocol.CatalogDigest;
import io.pgclone.core.protocol.Manifest;
import io.pgclone.core.sql.QualifiedName;
import io.pgclone.core.state.StateSchema;
import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.Databases;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A source and a target database on one real server, and the sink's pre-data applied between them without Kafka:
 * the catalog is read as the source task reads it, and applied as the control applier applies a manifest.
 */
final class TargetFixture {
    final PostgresServer pg;
    final String source;
    final String target;

    TargetFixture(PostgresServer pg, String sourceSql, String targetSql) {
        this.pg = pg;
        this.source = Databases.fresh(pg, "pds");
        this.target = Databases.fresh(pg, "pdt");
        pg.execute(source, sourceSql);
        if (targetSql != null) {
            pg.execute(target, targetSql);
        }
    }

    Catalog read(Scope scope) throws SQLException {
        try (Connection c = pg.connect(source)) {
            c.setAutoCommit(false);
            Catalog cat = new CatalogReader(c).read(scope);
            c.rollback();
            return cat;
        }
    }

    static Scope schemas(String... names) {
        return new Scope(List.of(), List.of(names), false, false, true, true, true, true, false, false);
    }

    static Scope tables(String... names) {
        return Scope.tables(Arrays.stream(names).map(QualifiedName::parse).toList());
    }

    ConnInfo targetInfo() {
        return new ConnInfo(pg.host(), pg.port(), target, pg.user(), pg.password(), Map.of());
    }

    /** Applies the pre-data of a clone in one transaction, as the sink does; returns the clone's warnings. */
    List<String> apply(String cloneId, Catalog catalog, TargetOptions options) throws SQLException {
        return apply(cloneId, catalog.tables(), catalog.objects(), options);
    }

    List<String> apply(String cloneId, List<TableDef> tables, List<CatalogObject> objects, TargetOptions options)
            throws SQLException {
        try (Connection t = PgConnections.open(targetInfo(), "pgclone test")) {
            StateSchema.ensure(t);
            t.setAutoCommit(false);
            try (PreparedStatement ps = t.prepareStatement("INSERT INTO pgclone.jobs (clone_id, status, phase, generation,"
                    + " sink_connector) VALUES (?, 'running', 'pre-data', 1, 'test')")) {
                ps.setString(1, cloneId);
                ps.executeUpdate();
            }
            List<Manifest.TableEntry> entries = new ArrayList<>();
            for (TableDef d : tables) {
                entries.add(new Manifest.TableEntry(d.name().schema(), d.name().name(),
                        "p." + d.name().schema() + "." + d.name().name(), 1, 100, 1, 1));
            }
            Manifest m = new Manifest(cloneId, 1, 1, "snap", "0/0", true, "p", "2026-01-01T00:00:00Z", entries,
                    List.of(), CatalogDigest.of(objects));
            try {
                PreData pre = new PreData(t, m, objects, options);
                pre.apply();
                t.commit();
                return pre.warnings();
            } catch (RuntimeException | SQLException e) {
                t.rollback();
                throw e;
            }
        }
    }

    /** Runs a clone's queued post-data in order, each statement through SingleStatement, as the finisher does. */
    void runPostData(String cloneId) throws SQLException {
        try (Connection t = PgConnections.open(targetInfo(), "pgclone test")) {
            List<String[]> queued = new ArrayList<>();
            try (PreparedStatement ps = t.prepareStatement("SELECT statements FROM pgclone.post_data WHERE clone_id = ?"
                    + " AND status = 'pending' ORDER BY seq")) {
                ps.setString(1, cloneId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        queued.add((String[]) rs.getArray(1).getArray());
                    }
                }
            }
            for (String[] statements : queued) {
                for (String s : statements) {
                    SingleStatement.execute(t, s);
                }
            }
        }
    }

    String query(String sql) throws SQLException {
        try (Connection c = pg.connect(target); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Every user relation, type and routine of the target with its OID, to show that nothing changed. */
    String snapshot() throws SQLException {
        return query("SELECT string_agg(x, ',' ORDER BY x) FROM (SELECT 'r:' || c.oid || ':' || n.nspname || '.' || c.relname x"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog',"
                + " 'information_schema', 'pg_toast', 'pgclone') UNION ALL SELECT 'p:' || p.oid || ':' || p.proname || ':'"
                + " || md5(p.prosrc) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                + " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pgclone')"
                + " UNION ALL SELECT 'c:' || d.objoid || ':' || d.description FROM pg_description d"
                + " JOIN pg_class c ON c.oid = d.objoid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pgclone')) y");
    }
}
