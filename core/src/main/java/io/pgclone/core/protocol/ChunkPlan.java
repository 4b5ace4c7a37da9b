package io.pgclone.core.protocol;

/**
 * How one table is split: {@code chunks} cells of {@code chunkPages} heap pages each, cell {@code i} being pages
 * {@code [i*chunkPages, (i+1)*chunkPages)}, read as a TID range scan (PostgreSQL 14+).
 * <p>
 * Every cell is closed. The number of cells comes from {@code pg_relation_size} measured after the snapshot was
 * taken, and a row visible in the snapshot lies on a page that existed when it was taken, so the cells cover all
 * visible rows. Because cells sit on a fixed grid, the cells of a later snapshot generation are either identical to
 * an earlier one's or disjoint from them: a chunk done under one snapshot never overlaps one read under another.
 */
public record ChunkPlan(int chunks, long chunkPages) {

    /** No rows to read: a partitioned parent (its partitions hold them), or a structure-only clone. */
    public static ChunkPlan none(long chunkPages) {
        return new ChunkPlan(0, chunkPages);
    }

    public static ChunkPlan forTable(long pages, long chunkPages) {
        long n = Math.max(1, (pages + chunkPages - 1) / chunkPages);
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many chunks: raise chunk.pages");
        }
        return new ChunkPlan((int) n, chunkPages);
    }

    /** The WHERE condition selecting chunk {@code i}, or null when the table is a single cell. */
    public String ctidCondition(int i) {
        if (chunks == 1 && i == 0) {
            return null;
        }
        long from = i * chunkPages;
        long to = (i + 1) * chunkPages;
        String upper = "ctid < '(" + to + ",0)'::tid";
        return i == 0 ? upper : "ctid >= '(" + from + ",0)'::tid AND " + upper;
    }

    /** Pages in chunk {@code i} at planning time, for balancing work across tasks. */
    public long pagesOf(int i, long tablePages) {
        return Math.max(1, Math.min(chunkPages, tablePages - i * chunkPages));
    }
}
