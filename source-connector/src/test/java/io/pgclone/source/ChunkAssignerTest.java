package io.pgclone.source;

import io.pgclone.source.PgCloneSourceTaskConfig.ChunkRef;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkAssignerTest {

    @Test
    void shouldBalanceBySizeLargestFirstAndNeverExceedMaxTasks() {
        List<ChunkAssigner.Work> work = new ArrayList<>();
        long[] sizes = {100, 90, 10, 10, 10, 10, 10, 10, 10, 10, 10};
        for (int i = 0; i < sizes.length; i++) {
            work.add(new ChunkAssigner.Work(new ChunkRef(i, 0), sizes[i]));
        }
        List<List<ChunkRef>> tasks = ChunkAssigner.assign(work, 2);

        assertThat(tasks).hasSize(2);
        assertThat(tasks.get(0).get(0).table()).isEqualTo(0);
        assertThat(tasks.get(1).get(0).table()).isEqualTo(1);
        long a = tasks.get(0).stream().mapToLong(c -> sizes[c.table()]).sum();
        long b = tasks.get(1).stream().mapToLong(c -> sizes[c.table()]).sum();
        assertThat(Math.abs(a - b)).isLessThanOrEqualTo(10);
        assertThat(tasks.stream().mapToInt(List::size).sum()).isEqualTo(sizes.length);
    }

    @Test
    void shouldKeepTaskZeroEvenWithoutWork() {
        assertThat(ChunkAssigner.assign(List.of(), 4)).hasSize(1);
        assertThat(ChunkAssigner.assign(List.of(new ChunkAssigner.Work(new ChunkRef(0, 0), 1)), 4)).hasSize(1);
    }
}
