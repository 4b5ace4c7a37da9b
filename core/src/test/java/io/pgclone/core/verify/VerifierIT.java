package io.pgclone.core.verify;

import io.pgclone.core.catalog.CatalogReader;
import io.pgclone.core.catalog.TableDef;
import io.pgclone.core.conn.ConnInfo;
import io.pgclone.core.conn.PgConnections;
import io.pgclone.core.filter.WhereFilter;
import io.pgclone.core.mask.ColumnMask;
import io.pgclone.core.mask.MaskStrategy;
import io.pgclone.core.mask.MaskTarget;
import io.pgclone.core.sql.QualifiedName;
import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import org.apache.kafka.connect.data.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verify compares exactly, on real servers of different majors: an exact copy matches; one changed byte in a
 * million rows, a missing row, an extra row and a missing table are found and narrowed to the key; masked and
 * filtered clones compare the projection the clone was made of; random masks are reported as not comparable.
 */
class VerifierIT {
    private static final QualifiedName T = new QualifiedName("public", "t");

    @ParameterizedTest(name = "PostgreSQL {0} -> {1}")
    @CsvSource({"17, 17", "14, 18", "18, 14"})
    void findsOneChangedByteAMissingAndAnExtraRowInAMillionAndMatchesAnExactCopy(int from, int to) throws Exception {
        PostgresServer a = Servers.postgres(from);
        PostgresServer b = Servers.postgres(to);
        String src = Databases.fresh(a, "ver");
        String tgt = Databases.fresh(b, "vert");
        String ddl = "CREATE TABLE public.t (id int PRIMARY KEY, note text, amount numeric(12,2), at timestamptz,"
                + " tags text[], doc jsonb)";
        String rows = " SELECT g, 'note ' || g, g / 7.0, timestamptz '2024-01-01 00:00+00' + g * interval '1 s',"
                + " ARRAY['a', g::text], jsonb_build_object('g', g) FROM generate_series(1, 1000000) g";
        a.execute(src, ddl + "; INSERT INTO public.t" + rows);
        b.execute(tgt, ddl + "; INSERT INTO public.t" + rows);

        assertThat(verify(a, src, b, tgt, Map.of(), null).status()).isEqualTo(TableVerdict.Status.MATCH);

        b.execute(tgt, "UPDATE public.t SET note = 'note 50000X' WHERE id = 500000;" // one byte more
                + " DELETE FROM public.t WHERE id = 777; INSERT INTO public.t VALUES (2000000, 'new', 1, now(), '{}', '{}')");
        TableVerdict v = verify(a, src, b, tgt, Map.of(), null);
        assertThat(v.status()).isEqualTo(TableVerdict.Status.DIFFERENT);
        assertThat(v.status().mark()).isEqualTo("✗");
        assertThat(v.sourceRows()).isEqualTo(1_000_000);
        assertThat(v.targetRows()).isEqualTo(1_000_000);
        assertThat(v.differences()).anySatisfy(d -> assertThat(d).endsWith("changed row (500000)"))
                .anySatisfy(d -> assertThat(d).endsWith("missing row (777)"))
                .anySatisfy(d -> assertThat(d).endsWith("extra row (2000000)"));
    }

    @Test
    void reportsATableMissingOnTheTarget() throws Exception {
        PostgresServer pg = Servers.postgres(17);
        String src = Databases.fresh(pg, "ver");
        String tgt = Databases.fresh(pg, "vert");
        pg.execute(src, "CREATE TABLE public.t (id int PRIMARY KEY); INSERT INTO public.t VALUES (1), (2)");
        TableVerdict v = verify(pg, src, pg, tgt, Map.of(), null);
        assertThat(v.status().mark()).isEqualTo("✗ (missing)");
        assertThat(v.sourceRows()).isEqualTo(2);
    }

    @Test
    void findsADuplicatedRowOfATableWithoutAKey() throws Exception {
        PostgresServer pg = Servers.postgres(17);
        String src = Databases.fresh(pg, "ver");
        String tgt = Databases.fresh(pg, "vert");
        pg.execute(src, "CREATE TABLE public.t (v text); INSERT INTO public.t VALUES ('a'), ('b'), ('b')");
        pg.execute(tgt, "CREATE TABLE public.t (v text); INSERT INTO public.t VALUES ('b'), ('a'), ('b')");
        assertThat(verify(pg, src, pg, tgt, Map.of(), null).matches()).isTrue();
        pg.execute(tgt, "INSERT INTO public.t VALUES ('a')");
        TableVerdict v = verify(pg, src, pg, tgt, Map.of(), null);
        assertThat(v.status()).isEqualTo(TableVerdict.Status.DIFFERENT);
        assertThat(v.differences()).singleElement().asString().contains("extra row");
    }

    /** The target holds what the Mask transform (Java) made of the source; verify computes the same in SQL. */
    @Test
    void comparesAMaskedAndFilteredCloneByItsProjectionAndNamesWhatItCannotCompare() throws Exception {
        PostgresServer pg = Servers.postgres(17);
        String src = Databases.fresh(pg, "ver");
        String tgt = Databases.fresh(pg, "vert");
        String ddl = "CREATE TABLE public.t (id int PRIMARY KEY, email text NOT NULL, name text, salary int)";
        pg.execute(src, ddl + "; INSERT INTO public.t SELECT g, 'p' || g || '@example.com', 'Name ' || g, 1000 + g"
                + " FROM generate_series(1, 500) g");
        pg.execute(tgt, ddl);
        Map<String, MaskStrategy> masks = Map.of("email", new MaskStrategy.Email(), "name", new MaskStrategy.Hash(),
                "salary", new MaskStrategy.RandomInt(1, 9));
        TableDef def = def(pg, src);
        ColumnMask email = new ColumnMask("email", masks.get("email"), MaskTarget.of(def.column("email").type(), true));
        ColumnMask name = new ColumnMask("name", masks.get("name"), MaskTarget.of(def.column("name").type(), false));
        try (Connection c = pg.connect(tgt); PreparedStatement ps = c.prepareStatement("INSERT INTO public.t VALUES (?, ?, ?, ?)")) {
            for (int g = 1; g <= 500; g++) {
                if (g % 2 == 0) { // the filter keeps the odd ids
                    continue;
                }
                ps.setInt(1, g);
                ps.setString(2, (String) email.apply("p" + g + "@example.com", Schema.STRING_SCHEMA));
                ps.setString(3, (String) name.apply("Name " + g, Schema.OPTIONAL_STRING_SCHEMA));
                ps.setInt(4, 5); // random_int: any value
                ps.addBatch();
            }
            ps.executeBatch();
        }
        TableVerdict v = verify(pg, src, pg, tgt, masks, WhereFilter.parse("id % 2 = 1"));
        assertThat(v.status()).as(v.differences().toString()).isEqualTo(TableVerdict.Status.MATCH);
        assertThat(v.sourceRows()).isEqualTo(250);
        assertThat(v.notComparable()).singleElement().asString().startsWith("salary (masked with random_int");

        pg.execute(tgt, "UPDATE public.t SET email = 'p1@example.com' WHERE id = 1"); // the original value leaked
        assertThat(verify(pg, src, pg, tgt, masks, WhereFilter.parse("id % 2 = 1")).differences())
                .singleElement().asString().endsWith("changed row (1)");
    }

    @Test
    void neverRunsAFilterTheSourceRefuses() throws Exception {
        PostgresServer pg = Servers.postgres(17);
        String src = Databases.fresh(pg, "ver");
        pg.execute(src, "CREATE TABLE public.t (id int PRIMARY KEY)");
        long t0 = System.nanoTime();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> verify(pg, src, pg, src, Map.of(),
                WhereFilter.parse("pg_sleep(60) IS NULL"))).hasMessageContaining("VOLATILE");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
    }

    private static TableDef def(PostgresServer pg, String db) throws Exception {
        try (Connection c = open(pg, db)) {
            return new CatalogReader(c).tables(List.of(T)).get(0);
        }
    }

    private static TableVerdict verify(PostgresServer a, String src, PostgresServer b, String tgt,
                                       Map<String, MaskStrategy> masks, WhereFilter where) throws Exception {
        TableDef def = def(a, src);
        try (Connection s = open(a, src); Connection t = open(b, tgt)) {
            return new Verifier(s, t, Verifier.DEFAULT_BUCKETS).verify(TableProjection.of(def, T, masks, where));
        }
    }

    private static Connection open(PostgresServer pg, String db) throws Exception {
        return PgConnections.openSource(ConnInfo.parse(pg.conninfo(db)), "verify test", Duration.ofSeconds(5));
    }
}
