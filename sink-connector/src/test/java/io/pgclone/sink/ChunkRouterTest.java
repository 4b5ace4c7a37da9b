package io.pgclone.sink;

import io.pgclone.core.protocol.ChunkStamp;
import io.pgclone.core.sql.QualifiedName;
import io.pgclone.sink.ChunkRouter.Route;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkRouterTest {
    private static final String TOPIC = "p.public.t";

    /** The target's state as a map, counting the lookups. */
    private static final class FakeLedger implements ChunkRouter.Ledger {
        final Map<String, TargetTable> tables = new HashMap<>();
        final Map<Integer, Integer> done = new HashMap<>();
        Generations generations = Generations.NONE_APPLIED;
        int generationReads;
        int doneReads;

        @Override
        public TargetTable table(String cloneId, String topic) {
            return tables.get(cloneId + "/" + topic);
        }

        @Override
        public Map<Integer, Integer> doneChunks(String cloneId, String topic) {
            doneReads++;
            return done;
        }

        @Override
        public Generations generations(String cloneId) {
            generationReads++;
            return generations;
        }

        @Override
        public boolean tableRegistered(String topic) {
            return tables.keySet().stream().anyMatch(k -> k.endsWith("/" + topic));
        }
    }

    private final FakeLedger ledger = new FakeLedger();
    private final List<String> discards = new ArrayList<>();
    private final ChunkRouter router = new ChunkRouter(ledger, (clone, oldest) -> discards.add(clone + "<" + oldest));

    private void tableExists(boolean skipped) {
        ledger.tables.put("c1/" + TOPIC, new TargetTable("c1", TOPIC, new QualifiedName("public", "t"), 4, "(a)", skipped));
    }

    private Route route(int chunk, int generation, long attempt, boolean loading) throws Exception {
        return router.route(TOPIC, new ChunkStamp("c1", chunk, generation, attempt), loading).route();
    }

    @Test
    void waitsForTheTableThenForTheGeneration() throws Exception {
        assertThat(route(0, 1, 100, false)).isEqualTo(Route.WAIT_FOR_TABLE);
        assertThat(router.ready(TOPIC, null, 0)).isFalse();
        tableExists(false);
        assertThat(router.ready(TOPIC, null, 0)).isTrue();
        assertThat(route(0, 1, 100, false)).as("manifest not applied yet").isEqualTo(Route.WAIT_FOR_GENERATION);
        assertThat(router.ready(TOPIC, "c1", 1)).isFalse();
        ledger.generations = new Generations(1, 1);
        assertThat(router.ready(TOPIC, "c1", 1)).isTrue();
        assertThat(route(0, 1, 100, false)).isEqualTo(Route.START);
    }

    @Test
    void anAttemptStartsOnceContinuesAndIsSupersededByANewerOne() throws Exception {
        tableExists(false);
        ledger.generations = new Generations(1, 1);
        assertThat(route(0, 1, 100, false)).isEqualTo(Route.START);
        assertThat(route(0, 1, 100, true)).isEqualTo(Route.CONTINUE);
        assertThat(route(0, 1, 200, true)).as("newer attempt").isEqualTo(Route.START);
        assertThat(route(0, 1, 100, true)).as("older attempt, superseded").isEqualTo(Route.SKIP);
        assertThat(route(0, 1, 200, false)).as("its load rolled back: replayed later").isEqualTo(Route.SKIP);
        router.forgetAttempt(new ChunkKey("c1", TOPIC, 0));
        assertThat(route(0, 1, 200, false)).as("replayed after a revocation").isEqualTo(Route.START);
    }

    @Test
    void committedChunksAreSkippedWhileTheirGenerationCounts() throws Exception {
        tableExists(false);
        ledger.generations = new Generations(1, 2);
        ledger.done.put(3, 1); // chunk 3 committed under generation 1, before this task started
        assertThat(route(3, 2, 500, false)).isEqualTo(Route.SKIP);
        assertThat(route(4, 2, 500, false)).isEqualTo(Route.START);
        router.committed(new ChunkKey("c1", TOPIC, 4), 2);
        assertThat(route(4, 2, 600, false)).as("committed in this task").isEqualTo(Route.SKIP);
        assertThat(ledger.doneReads).as("done chunks read once per table").isEqualTo(1);

        router.raiseOldest("c1", 2); // a start-over discarded generation 1
        assertThat(discards).last().isEqualTo("c1<2");
        assertThat(route(3, 2, 700, false)).as("chunk 3 was done under a discarded generation").isEqualTo(Route.START);
        assertThat(route(5, 1, 700, false)).as("a record of a discarded generation").isEqualTo(Route.SKIP);
    }

    @Test
    void generationsAreReadAgainOnlyWhenARecordIsNewerOrACommitFoundThemStale() throws Exception {
        tableExists(false);
        ledger.generations = new Generations(1, 1);
        route(0, 1, 100, false);
        route(1, 1, 100, false);
        assertThat(ledger.generationReads).isEqualTo(1);
        route(2, 2, 100, false);
        assertThat(ledger.generationReads).as("a newer generation than known").isEqualTo(2);
        router.generationDiscarded("c1");
        route(3, 1, 100, false);
        assertThat(ledger.generationReads).isEqualTo(3);
        ledger.generations = new Generations(2, 2);
        router.refresh("c1");
        assertThat(discards).as("refresh rolls back loads of generations that no longer count").contains("c1<2");
    }

    @Test
    void aSkippedTableLoadsNothing() throws Exception {
        tableExists(true);
        ledger.generations = new Generations(1, 1);
        assertThat(route(0, 1, 100, false)).isEqualTo(Route.SKIP);
    }
}
