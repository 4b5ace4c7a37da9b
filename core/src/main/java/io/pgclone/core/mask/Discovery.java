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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import static io.pgclone.core.sql.Identifiers.quote;

/**
 * pgclone's {@code discover_sensitive}: suggests a mask for every column that looks personal, by its name
 * (pgclone's patterns) or, for text columns whose name says nothing, by a sample of its values. Each suggestion
 * fits its column's type (else {@code null} when the column allows it, else the column is only reported) and says
 * why it was made.
 */
public final class Discovery {
    /** A suggested mask and the reason for it. */
    public record Suggestion(MaskStrategy strategy, String reason) {
    }

    /** Tables (by name) to columns to suggestions, in table and column order; and columns found but not maskable. */
    public record Result(Map<String, Map<String, Suggestion>> tables, List<String> unmaskable) {
    }

    private Discovery() {
    }

    public static Result discover(Connection conn, String schema, int sampleRows) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT c.relname FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind IN ('r', 'p')"
                + " AND NOT c.relispartition ORDER BY 1")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("schema " + schema + " has no tables (or does not exist)");
        }
        Map<String, Map<String, Suggestion>> tables = new LinkedHashMap<>();
        List<String> unmaskable = new ArrayList<>();
        CatalogReader reader = new CatalogReader(conn);
        for (String name : names) {
            TableDef t = reader.tables(List.of(new QualifiedName(schema, name))).get(0);
            Map<String, Suggestion> cols = new LinkedHashMap<>();
            List<ColumnDef> unnamed = new ArrayList<>();
            for (ColumnDef c : t.columns()) {
                var byName = SensitiveNames.match(c.name());
                if (byName.isPresent()) {
                    suggest(t, c, byName.get().suggested(), byName.get().reason(), cols, unmaskable);
                } else if (c.type().baseName().equals("inet") || c.type().baseName().equals("cidr")) {
                    suggest(t, c, new MaskStrategy.Null(), "an " + c.type().baseName() + " column (IP Address)", cols,
                            unmaskable);
                } else if (MaskTarget.of(c.type(), c.notNull()).kind() == MaskTarget.Kind.TEXT) {
                    unnamed.add(c);
                }
            }
            if (!unnamed.isEmpty() && sampleRows > 0) {
                for (Map.Entry<ColumnDef, List<String>> s : sample(conn, t, unnamed, sampleRows).entrySet()) {
                    SampledValues.classify(s.getValue()).ifPresent(k -> suggest(t, s.getKey(), k.suggested(),
                            "sampled values look like " + k.name() + " (" + (int) (SampledValues.SHARE * 100)
                                    + "% or more of " + s.getValue().size() + ")", cols, unmaskable));
                }
            }
            if (!cols.isEmpty()) {
                tables.put(name, cols);
            }
        }
        return new Result(tables, unmaskable);
    }

    private static void suggest(TableDef t, ColumnDef c, MaskStrategy s, String reason, Map<String, Suggestion> out,
                                List<String> unmaskable) {
        MaskTarget target = MaskTarget.of(c.type(), c.notNull());
        String why = target.refusal(s);
        if (why == null) {
            out.put(c.name(), new Suggestion(s, reason));
        } else if (target.nullable()) {
            out.put(c.name(), new Suggestion(new MaskStrategy.Null(), reason + "; null, as " + why));
        } else {
            unmaskable.add(t.name() + "." + c.name() + ": " + reason + ", but " + why);
        }
    }

    /** Up to {@code rows} non-null values of each column, as text. */
    private static Map<ColumnDef, List<String>> sample(Connection conn, TableDef t, List<ColumnDef> cols, int rows)
            throws SQLException {
        StringJoiner select = new StringJoiner(", ");
        cols.forEach(c -> select.add("CAST(" + quote(c.name()) + " AS text)"));
        Map<ColumnDef, List<String>> out = new LinkedHashMap<>();
        cols.forEach(c -> out.put(c, new ArrayList<>()));
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + select + " FROM " + t.name().sql() + " LIMIT " + rows)) {
            while (rs.next()) {
                for (int i = 0; i < cols.size(); i++) {
                    String v = rs.getString(i + 1);
                    if (v != null) {
                        out.get(cols.get(i)).add(v);
                    }
                }
            }
        }
        return out;
    }

    /** As JSON, ready to paste as the Mask transform's masks (with reasons) or, plain, as pgclone's mask option. */
    public static Map<String, Object> toJson(Result r, boolean plain) {
        Map<String, Object> out = new LinkedHashMap<>();
        r.tables().forEach((table, cols) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            cols.forEach((c, s) -> {
                if (plain) {
                    m.put(c, s.strategy().toJson());
                } else {
                    Map<String, Object> o = new LinkedHashMap<>();
                    Object j = s.strategy().toJson();
                    if (j instanceof Map<?, ?> params) {
                        params.forEach((k, v) -> o.put((String) k, v));
                    } else {
                        o.put("type", j);
                    }
                    o.put("reason", s.reason());
                    m.put(c, o);
                }
            });
            out.put(table, m);
        });
        return out;
    }
}
