package io.pgclone.core.mask;

import io.pgclone.core.catalog.CatalogReader;
import io.pgclone.core.catalog.ColumnDef;
import io.pgclone.core.catalog.TableDef;
import io.pgclone.core.sql.QualifiedName;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import static io.pgclone.core.sql.Identifiers.quote;

/**
 * Masking on a database, with the same strategies as the Mask transform (their SQL form): pgclone's
 * {@code mask_in_place} (static masking of a local table), {@code create/drop_masking_policy} (dynamic masking
 * through a {@code <table>_masked} view) and {@code masking_report}. Each runs in one transaction: all or nothing.
 */
public final class Masking {
    private Masking() {
    }

    /** The masks fitted to the table's columns; {@link IllegalArgumentException} naming a column that is missing or unfit. */
    static List<ColumnMask> fit(Connection conn, QualifiedName table, Map<String, MaskStrategy> masks) throws SQLException {
        TableDef def;
        try {
            def = new CatalogReader(conn).tables(List.of(table)).get(0);
        } catch (CatalogReader.MissingTableException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        List<ColumnMask> out = new ArrayList<>();
        for (Map.Entry<String, MaskStrategy> m : masks.entrySet()) {
            ColumnDef c = def.column(m.getKey());
            if (c == null) {
                throw new IllegalArgumentException("table " + table + " has no column " + m.getKey());
            }
            out.add(new ColumnMask(c.name(), m.getValue(), MaskTarget.of(c.type(), c.notNull())));
        }
        return out;
    }

    /**
     * Masks the table's rows where they are: {@code OK: masked N rows in schema.table (K columns)}. A keyed hash reads
     * its key from transaction-local settings set just before (see {@link HashKeySetting}).
     */
    public static String maskInPlace(Connection conn, QualifiedName table, Map<String, MaskStrategy> masks)
            throws SQLException {
        List<ColumnMask> fitted = fit(conn, table, masks);
        HashKey key = keyOf(masks.values());
        StringJoiner set = new StringJoiner(", ");
        fitted.forEach(m -> set.add(quote(m.column()) + " = " + m.sql()));
        boolean auto = conn.getAutoCommit();
        conn.setAutoCommit(false);
        try (Statement st = conn.createStatement()) {
            if (key.isKeyed()) {
                HashKeySetting.set(conn, key);
            }
            int n = st.executeUpdate("UPDATE " + table.sql() + " SET " + set);
            conn.commit();
            return "OK: masked " + n + " rows in " + table + " (" + fitted.size() + " columns)";
        } catch (SQLException | RuntimeException e) {
            conn.rollback();
            throw e;
        } finally {
            conn.setAutoCommit(auto);
        }
    }

    /** The one key of the keyed hashes among {@code strategies} (one statement reads one), else none. */
    static HashKey keyOf(Collection<MaskStrategy> strategies) {
        Set<HashKey> keys = new HashSet<>();
        strategies.forEach(s -> {
            if (s instanceof MaskStrategy.Hash h && h.key().isKeyed()) {
                keys.add(h.key());
            }
        });
        if (keys.size() > 1) {
            throw new IllegalArgumentException("the masks use " + keys.size() + " different hash keys: one at a time");
        }
        return keys.isEmpty() ? HashKey.NONE : keys.iterator().next();
    }

    /** The masking view's name: {@code <table>_masked}, in the table's schema. */
    public static QualifiedName viewOf(QualifiedName table) {
        return new QualifiedName(table.schema(), table.name() + "_masked");
    }

    /**
     * Dynamic masking: view {@code <table>_masked} showing every column, the masked ones through their strategy;
     * SELECT on the table revoked from PUBLIC and granted to {@code privilegedRole}; SELECT on the view granted to
     * PUBLIC. A keyed hash is refused ({@link #KEYED_VIEW_REFUSAL}).
     */
    public static String createPolicy(Connection conn, QualifiedName table, Map<String, MaskStrategy> masks,
                                      String privilegedRole) throws SQLException {
        if (keyOf(masks.values()).isKeyed()) {
            throw new IllegalArgumentException(KEYED_VIEW_REFUSAL);
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            ps.setString(1, privilegedRole);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("role " + privilegedRole + " does not exist");
                }
            }
        }
        List<ColumnMask> fitted = fit(conn, table, masks);
        TableDef def = new CatalogReader(conn).tables(List.of(table)).get(0);
        StringJoiner cols = new StringJoiner(", ");
        for (ColumnDef c : def.columns()) {
            ColumnMask m = fitted.stream().filter(f -> f.column().equals(c.name())).findFirst().orElse(null);
            cols.add(m == null ? quote(c.name()) : m.sql() + " AS " + quote(c.name()));
        }
        QualifiedName view = viewOf(table);
        boolean auto = conn.getAutoCommit();
        conn.setAutoCommit(false);
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE OR REPLACE VIEW " + view.sql() + " AS SELECT " + cols + " FROM " + table.sql());
            st.execute("REVOKE SELECT ON " + table.sql() + " FROM PUBLIC");
            st.execute("GRANT SELECT ON " + view.sql() + " TO PUBLIC");
            st.execute("GRANT SELECT ON " + table.sql() + " TO " + quote(privilegedRole));
            conn.commit();
            return "OK: created masking policy on " + table + ": view " + view + " (" + fitted.size()
                    + " masked columns); SELECT on " + table + " only for " + privilegedRole;
        } catch (SQLException e) {
            conn.rollback();
            throw e;
        } finally {
            conn.setAutoCommit(auto);
        }
    }

    /** Why a masking view cannot use a keyed hash. */
    public static final String KEYED_VIEW_REFUSAL = "a keyed hash cannot be used in a masking view: the view is"
            + " stored SQL that every role can read, and its readers are the ones who must not know the key; use"
            + " mask-in-place on a copy, the Mask transform, or hash without a key";

    /** Drops the view and gives PUBLIC its SELECT on the table back. */
    public static String dropPolicy(Connection conn, QualifiedName table) throws SQLException {
        QualifiedName view = viewOf(table);
        boolean auto = conn.getAutoCommit();
        conn.setAutoCommit(false);
        try (Statement st = conn.createStatement()) {
            st.execute("DROP VIEW IF EXISTS " + view.sql());
            st.execute("GRANT SELECT ON " + table.sql() + " TO PUBLIC");
            conn.commit();
            return "OK: dropped masking policy on " + table;
        } catch (SQLException e) {
            conn.rollback();
            throw e;
        } finally {
            conn.setAutoCommit(auto);
        }
    }

    /** One row of the masking report. */
    public record ReportRow(String schema, String table, String column, String category, String maskStatus,
                            String recommendation) {
    }

    /** Every column of the schema's tables whose name says it is sensitive, and whether a masking view covers it. */
    public static List<ReportRow> report(Connection conn, String schema) throws SQLException {
        List<ReportRow> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT c.relname, a.attname,"
                + " to_regclass(quote_ident(n.nspname) || '.' || quote_ident(c.relname || '_masked')) IS NOT NULL"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
                + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname, a.attnum")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    String column = rs.getString(2);
                    boolean masked = rs.getBoolean(3);
                    SensitiveNames.match(column).ifPresent(m -> out.add(new ReportRow(schema, table, column,
                            m.category(), masked ? "MASKED (view)" : "UNMASKED",
                            masked ? "OK - masked via view" : "Apply mask strategy: " + m.suggested().type())));
                }
            }
        }
        return out;
    }
}
