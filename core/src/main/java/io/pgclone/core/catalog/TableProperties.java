package io.pgclone.core.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.pgclone.core.catalog.CatalogSql.PG_CLASS;
import static io.pgclone.core.catalog.CatalogSql.PG_CONSTRAINT;
import static io.pgclone.core.sql.Identifiers.qualified;
import static io.pgclone.core.sql.Identifiers.quote;

/**
 * What pg_dump keeps of a table beyond its columns and constraints: per-column statistics targets, storage and
 * compression (pre-data, so that the rows are stored as on the source), the clustered index ({@code CLUSTER ON}),
 * {@code REPLICA IDENTITY}, and statistics targets of expression index columns (post-data, after their indexes).
 */
final class TableProperties {
    private final Connection conn;
    private final Objects objects;
    private final Map<Long, String> relationIdentity;
    private final Function<Long, List<String>> loadedFirst;

    TableProperties(Connection conn, Objects objects, Map<Long, String> relationIdentity,
                    Function<Long, List<String>> loadedFirst) {
        this.conn = conn;
        this.objects = objects;
        this.relationIdentity = relationIdentity;
        this.loadedFirst = loadedFirst;
    }

    /** After the tables, their indexes and constraints are read. */
    void read(List<Long> tables) throws SQLException {
        columns(tables);
        clusterAndReplicaIdentity(tables);
        indexStatistics(tables);
    }

    private void columns(List<Long> tables) throws SQLException {
        Map<Long, List<String>> statements = new LinkedHashMap<>();
        Map<Long, String[]> names = new LinkedHashMap<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT c.oid, n.nspname, c.relname, a.attname,"
                + " coalesce(a.attstattarget::int, -1), a.attstorage::text, t.typstorage::text,"
                + " nullif(a.attcompression::text, '') FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid"
                + " WHERE a.attrelid = ANY (?::oid[]) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY c.oid, a.attnum")) {
            ps.setArray(1, conn.createArrayOf("bigint", tables.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long oid = rs.getLong(1);
                    String table = "ALTER TABLE ONLY " + qualified(rs.getString(2), rs.getString(3)) + " ALTER COLUMN "
                            + quote(rs.getString(4));
                    List<String> out = statements.computeIfAbsent(oid, k -> new ArrayList<>());
                    names.putIfAbsent(oid, new String[] {rs.getString(2), rs.getString(3)});
                    if (rs.getInt(5) >= 0) {
                        out.add(table + " SET STATISTICS " + rs.getInt(5));
                    }
                    if (!rs.getString(6).equals(rs.getString(7))) {
                        out.add(table + " SET STORAGE " + storage(rs.getString(6)));
                    }
                    String compression = rs.getString(8);
                    if (compression != null) {
                        out.add(table + " SET COMPRESSION " + (compression.equals("l") ? "lz4" : "pglz"));
                    }
                }
            }
        }
        for (Map.Entry<Long, List<String>> e : statements.entrySet()) {
            String tableId = relationIdentity.get(e.getKey());
            if (e.getValue().isEmpty() || tableId == null) {
                continue;
            }
            String[] n = names.get(e.getKey());
            objects.add(Objects.pre("column-properties", "column-properties:" + n[0] + "." + n[1], n[0], n[1],
                    List.of(tableId), e.getValue()));
        }
    }

    private static String storage(String code) {
        return switch (code) {
            case "p" -> "PLAIN";
            case "e" -> "EXTERNAL";
            case "m" -> "MAIN";
            default -> "EXTENDED";
        };
    }

    private void clusterAndReplicaIdentity(List<Long> tables) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT c.oid, n.nspname, c.relname, c.relreplident::text,"
                + " (SELECT i.indexrelid FROM pg_index i WHERE i.indrelid = c.oid AND i.indisreplident LIMIT 1),"
                + " (SELECT i.indexrelid FROM pg_index i WHERE i.indrelid = c.oid AND i.indisclustered LIMIT 1)"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = ANY (?::oid[])"
                + " AND (c.relreplident <> 'd' OR EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid"
                + " AND i.indisclustered))")) {
            ps.setArray(1, conn.createArrayOf("bigint", tables.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long oid = rs.getLong(1);
                    String schema = rs.getString(2);
                    String table = rs.getString(3);
                    String tableId = relationIdentity.get(oid);
                    if (tableId == null) {
                        continue;
                    }
                    String q = "ALTER TABLE ONLY " + qualified(schema, table);
                    String replident = rs.getString(4);
                    if (!replident.equals("d")) {
                        String[] index = replident.equals("i") ? index(rs.getLong(5)) : null;
                        if (replident.equals("i") && index == null) {
                            objects.warnings.add("the replica identity index of " + qualified(schema, table)
                                    + " is not cloned (no indexes), so neither is its REPLICA IDENTITY");
                        } else {
                            String sql = q + " REPLICA IDENTITY " + switch (replident) {
                                case "f" -> "FULL";
                                case "n" -> "NOTHING";
                                default -> "USING INDEX " + quote(index[1]);
                            };
                            property("replica-identity", schema, table, tableId, index, oid, sql);
                        }
                    }
                    if (rs.getObject(6) != null) {
                        String[] index = index(rs.getLong(6));
                        if (index != null) {
                            property("cluster", schema, table, tableId, index, oid, q + " CLUSTER ON " + quote(index[1]));
                        }
                    }
                }
            }
        }
    }

    private void property(String kind, String schema, String table, String tableId, String[] index, long oid,
                          String sql) {
        List<String> deps = new ArrayList<>(List.of(tableId));
        if (index != null) {
            deps.add(index[0]);
        }
        objects.add(Objects.post(kind, kind + ":" + schema + "." + table, schema, table, null, deps,
                loadedFirst.apply(oid), sql));
    }

    /** The clone's identity and the name of an index (or of the constraint that made it), or null if not cloned. */
    private String[] index(long indexOid) throws SQLException {
        String id = objects.identityOf(PG_CLASS, indexOid);
        if (id == null) {
            try (PreparedStatement ps = conn.prepareStatement("SELECT oid FROM pg_constraint WHERE conindid = ?"
                    + " AND contype IN ('p', 'u', 'x') LIMIT 1")) {
                ps.setLong(1, indexOid);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        id = objects.identityOf(PG_CONSTRAINT, rs.getLong(1));
                    }
                }
            }
        }
        if (id == null || !objects.byIdentity.containsKey(id)) {
            return null;
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT relname FROM pg_class WHERE oid = ?")) {
            ps.setLong(1, indexOid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new String[] {id, rs.getString(1)} : null;
            }
        }
    }

    private void indexStatistics(List<Long> tables) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT i.indexrelid, n.nspname, ic.relname, a.attnum,"
                + " a.attstattarget::int FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
                + " JOIN pg_namespace n ON n.oid = ic.relnamespace JOIN pg_attribute a ON a.attrelid = i.indexrelid"
                + " WHERE i.indrelid = ANY (?::oid[]) AND coalesce(a.attstattarget::int, -1) >= 0"
                + " ORDER BY 1, 4")) {
            ps.setArray(1, conn.createArrayOf("bigint", tables.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String[] index = index(rs.getLong(1));
                    if (index == null) {
                        continue;
                    }
                    String schema = rs.getString(2);
                    String name = rs.getString(3);
                    objects.add(Objects.post("index-statistics", "index-statistics:" + schema + "." + name + "."
                            + rs.getInt(4), schema, name, null, List.of(index[0]), List.of(),
                            "ALTER INDEX " + qualified(schema, name) + " ALTER COLUMN " + rs.getInt(4)
                                    + " SET STATISTICS " + rs.getInt(5)));
                }
            }
        }
    }
}
