package io.pgclone.source;

import io.pgclone.source.PgCloneSourceTaskConfig.ChunkRef;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** Spreads chunks over at most {@code maxTasks} tasks by size, largest first, always onto the least loaded task. */
final class ChunkAssigner {
    /** A chunk and its size in pages. */
    record Work(ChunkRef chunk, long pages) {
    }

    private ChunkAssigner() {
    }

    /** Task 0 always exists (it sends the manifest), even when there is no work. */
    static List<List<ChunkRef>> assign(List<Work> work, int maxTasks) {
        int tasks = Math.max(1, Math.min(maxTasks, work.size()));
        List<List<ChunkRef>> out = new ArrayList<>();
        record Load(int task, long pages) {
        }
        PriorityQueue<Load> loads = new PriorityQueue<>(Comparator.comparingLong(Load::pages).thenComparingInt(Load::task));
        for (int i = 0; i < tasks; i++) {
            out.add(new ArrayList<>());
            loads.add(new Load(i, 0));
        }
        List<Work> sorted = new ArrayList<>(work);
        sorted.sort(Comparator.comparingLong(Work::pages).reversed());
        for (Work w : sorted) {
            Load l = loads.poll();
            out.get(l.task()).add(w.chunk());
            loads.add(new Load(l.task(), l.pages() + w.pages()));
        }
        return out;
    }
}
