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
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

import static io.pgclone.core.sql.Identifiers.literal;
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
     * PUBLIC. What this changed in the table's grants is recorded in the view's comment, for {@link #dropPolicy}.
     * A view of another maker is never replaced; pgclone's own is (its record kept). Refused, before anything
     * changes: a keyed hash ({@link #KEYED_VIEW_REFUSAL}), and a table PUBLIC could still read through a grant the
     * REVOKE cannot take (another grantor's, or column grants).
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
            st.execute("SET LOCAL standard_conforming_strings = on"); // the comment's literal below relies on it
            Optional<PolicyGrants> earlier = PolicyGrants.ofView(conn, view, table);
            Set<PolicyGrants.Grant> before = PolicyGrants.read(conn, table);
            st.execute((earlier.isPresent() ? "CREATE OR REPLACE VIEW " : "CREATE VIEW ") + view.sql() + " AS SELECT "
                    + cols + " FROM " + table.sql());
            st.execute("REVOKE SELECT ON " + table.sql() + " FROM PUBLIC");
            st.execute("GRANT SELECT ON " + view.sql() + " TO PUBLIC");
            st.execute("GRANT SELECT ON " + table.sql() + " TO " + quote(privilegedRole));
            Set<PolicyGrants.Grant> after = PolicyGrants.read(conn, table);
            refuseWhatPublicStillReads(table, after);
            PolicyGrants changes = PolicyGrants.between(before, after, earlier.orElse(PolicyGrants.none()));
            st.execute("COMMENT ON VIEW " + view.sql() + " IS " + literal(changes.comment(table)));
            conn.commit();
            return "OK: created masking policy on " + table + ": view " + view + " (" + fitted.size()
                    + " masked columns); SELECT on " + table + " only for " + PolicyGrants.readers(after);
        } catch (SQLException | RuntimeException e) {
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

    /** A grant to PUBLIC that the REVOKE could not take (another grantor's) leaves the table readable: refused. */
    private static void refuseWhatPublicStillReads(QualifiedName table, Set<PolicyGrants.Grant> after) {
        Set<String> grantors = new TreeSet<>();
        Set<String> columns = new TreeSet<>();
        for (PolicyGrants.Grant g : after) {
            if (g.grantee().equals(PolicyGrants.PUBLIC) && g.privilege().equals("SELECT")) {
                grantors.add(g.grantor());
                if (g.column() != null) {
                    columns.add(g.column());
                }
            }
        }
        if (!grantors.isEmpty()) {
            throw new IllegalArgumentException("PUBLIC keeps SELECT on " + (columns.isEmpty() ? "" : "columns "
                    + String.join(", ", columns) + " of ") + table + " through a grant by " + String.join(", ", grantors)
                    + ", which this role cannot revoke: that role must revoke it first; nothing was changed");
        }
    }

    /**
     * Drops pgclone's masking view of the table and undoes exactly what {@link #createPolicy} changed in the table's
     * grants, as its record says; a grant PUBLIC did not have before create is not given. A {@code <table>_masked}
     * view pgclone did not make is refused and left as it is.
     */
    public static String dropPolicy(Connection conn, QualifiedName table) throws SQLException {
        QualifiedName view = viewOf(table);
        boolean auto = conn.getAutoCommit();
        conn.setAutoCommit(false);
        try (Statement st = conn.createStatement()) {
            PolicyGrants changes = PolicyGrants.ofView(conn, view, table).orElseThrow(() ->
                    new IllegalArgumentException("there is no masking policy on " + table + ": no view " + view));
            st.execute("DROP VIEW " + view.sql());
            changes.undo(conn, table);
            conn.commit();
            return "OK: dropped masking policy on " + table + "; its grants are as before create"
                    + (changes.revoked().isEmpty() ? "" : " (SELECT for PUBLIC given back)")
                    + (changes.granted().isEmpty() ? "" : " (revoked: " + PolicyGrants.readers(changes.granted()) + ")");
        } catch (SQLException | RuntimeException e) {
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
