package io.pgclone.it;

import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every type of {@link TypeCases}, with its edge values and NULL, cloned through the real worker and broker: on the
 * target, {@code value::text} equals the source's for every row and column. Sources 14 to 18 into 17, and 14 <-> 18,
 * each through the JSON converter, through Avro with a real schema registry, and as raw COPY batches
 * (record.format=copy); servers run in a non-UTC time zone.
 */
class TypeMatrixIT {

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        String pairs = System.getProperty("pgclone.it.type.pairs", "14:17,15:17,16:17,17:17,18:17,14:18,18:14");
        String converters = System.getProperty("pgclone.it.converters", "json,avro,copy");
        for (String conv : converters.split(",")) {
            for (String p : pairs.split(",")) {
                String[] sv = p.split(":");
                out.add(Arguments.of(Integer.parseInt(sv[0]), Integer.parseInt(sv[1]), conv));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "PostgreSQL {0} -> {1}, {2}")
    @MethodSource("matrix")
    void shouldCloneEveryTypeExactly(int sourceMajor, int targetMajor, String converter) throws Exception {
        PostgresServer source = Servers.postgres(sourceMajor);
        PostgresServer target = Servers.postgres(targetMajor);
        String sourceDb = Databases.fresh(source, "types");
        String targetDb = Databases.fresh(target, "types");
        List<TypeCases.Case> cases = TypeCases.CASES.stream()
                .filter(c -> c.minMajor() <= Math.min(sourceMajor, targetMajor)).toList();
        try (Connection s = source.connect(sourceDb); Connection t = target.connect(targetDb);
             Statement ss = s.createStatement(); Statement ts = t.createStatement()) {
            for (String sql : TypeCases.SETUP) {
                ss.execute(sql); // the clone creates the types (and their extensions) on the target itself
            }
            ss.execute(createTable(cases));
            int rows = cases.stream().mapToInt(c -> c.values().size()).max().orElse(0) + 1;
            for (int r = 0; r < rows; r++) {
                ss.execute(insertRow(cases, r));
            }
        }

        String prefix = CloneHarness.uniquePrefix("types");
        CloneHarness.cloneTables(prefix, source, sourceDb, target, targetDb, "public.matrix",
                Converters.settings(converter), UnaryOperator.identity());

        List<String> diffs = new ArrayList<>();
        try (Connection s = source.connect(sourceDb); Connection t = target.connect(targetDb)) {
            for (TypeCases.Case c : cases) {
                Map<Integer, String> a = texts(s, c.column());
                Map<Integer, String> b = texts(t, c.column());
                for (Integer id : a.keySet()) {
                    if (!java.util.Objects.equals(a.get(id), b.get(id)) || !b.containsKey(id)) {
                        diffs.add(c.name() + " row " + id + ": source " + a.get(id) + " | target " + b.get(id));
                    }
                }
            }
        }
        assertThat(diffs).as("values that differ between source and target").isEmpty();
    }

    private static String createTable(List<TypeCases.Case> cases) {
        StringBuilder b = new StringBuilder("CREATE TABLE public.matrix (id integer PRIMARY KEY");
        for (TypeCases.Case c : cases) {
            b.append(", ").append(c.column()).append(' ').append(c.sqlType());
            if (c.sqlType().equals("public.short_text")) {
                b.append(" NULL"); // the domain is NOT NULL; the row of NULLs must still fit
            }
        }
        return b.append(')').toString();
    }

    private static String insertRow(List<TypeCases.Case> cases, int row) {
        StringBuilder cols = new StringBuilder("id");
        StringBuilder vals = new StringBuilder(Integer.toString(row));
        for (TypeCases.Case c : cases) {
            if (row < c.values().size()) {
                cols.append(", ").append(c.column());
                vals.append(", (").append(c.values().get(row)).append(")::").append(c.sqlType());
            } else if (!c.sqlType().equals("public.short_text")) {
                cols.append(", ").append(c.column());
                vals.append(", NULL");
            }
        }
        return "INSERT INTO public.matrix (" + cols + ") VALUES (" + vals + ")";
    }

    private static Map<Integer, String> texts(Connection c, String column) throws SQLException {
        Map<Integer, String> out = new LinkedHashMap<>();
        try (Statement st = c.createStatement()) {
            st.execute("SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres';"
                    + " SET extra_float_digits = 3");
            try (ResultSet rs = st.executeQuery("SELECT id, " + column + "::text FROM public.matrix ORDER BY id")) {
                while (rs.next()) {
                    out.put(rs.getInt(1), rs.getString(2));
                }
            }
        }
        return out;
    }
}
