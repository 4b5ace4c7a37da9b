package io.pgclone.it;

import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import io.pgclone.testkit.TableComparison;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The exported snapshot dies mid-clone (its connection is terminated after the first chunk is loaded): with
 * snapshot.lost=continue the clone finishes marked not snapshot-consistent; with restart it starts over under one new
 * snapshot and finishes consistent; with fail the connector stops, saying why. Each chunk's read is slowed by a
 * where option that sleeps once per query, so the loss lands mid-clone.
 */
class SnapshotLossIT {
    private final PostgresServer pg = Servers.postgres(17);

    @Test
    void continueFinishesAndSaysTheCloneIsNotSnapshotConsistent() throws Exception {
        Run r = run("continue");
        assertThat(r.consistent).isEqualTo("f");
        r.assertIdentical();
    }

    @Test
    void restartStartsOverUnderOneNewSnapshotAndFinishesConsistent() throws Exception {
        Run r = run("restart");
        assertThat(r.consistent).isEqualTo("t");
        assertThat(r.minGeneration).isEqualTo("2");
        r.assertIdentical();
    }

    @Test
    void failStopsTheConnectorNamingTheSetting() throws Exception {
        assertThatThrownBy(() -> run("fail")).hasMessageContaining("the snapshot was lost")
                .hasMessageContaining("snapshot.lost=fail");
    }

    private final class Run {
        String src;
        String tgt;
        String consistent;
        String minGeneration;

        void assertIdentical() throws Exception {
            try (Connection s = pg.connect(src); Connection t = pg.connect(tgt)) {
                assertThat(TableComparison.checksum(t, "public.t")).isEqualTo(TableComparison.checksum(s, "public.t"));
            }
        }
    }

    private Run run(String mode) throws Exception {
        Run r = new Run();
        r.src = Databases.fresh(pg, "loss");
        r.tgt = Databases.fresh(pg, "losst");
        pg.execute(r.src, "CREATE TABLE public.t (id bigint PRIMARY KEY, payload text);"
                + " INSERT INTO public.t SELECT g, repeat(md5(g::text), 2) FROM generate_series(1, 150000) g; ANALYZE public.t;"
                + Fixtures.SLOW_FILTER_FUNCTION);
        String prefix = CloneHarness.uniquePrefix("loss");
        Fixtures.SnapshotKiller killer = new Fixtures.SnapshotKiller(pg, r.tgt, prefix,
                "SELECT count(*) FROM pgclone.chunks WHERE clone_id = '" + prefix + "'"); // a first chunk loaded
        try {
            CloneHarness.cloneTables(prefix, pg, r.src, pg, r.tgt, "public.t", Map.of(), c -> c
                    .with("chunk.pages", "200").with("snapshot.lost", mode)
                    .with("table.options", Fixtures.slowFilter("public.t", 1)));
        } finally {
            killer.await();
        }
        assertThat(killer.await()).as("the snapshot's connection was terminated mid-clone").isTrue();
        try (Connection c = pg.connect(r.tgt); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT snapshot_consistent, min_generation FROM pgclone.jobs"
                     + " WHERE clone_id = '" + prefix + "'")) {
            rs.next();
            r.consistent = rs.getString(1);
            r.minGeneration = rs.getString(2);
        }
        return r;
    }

}
