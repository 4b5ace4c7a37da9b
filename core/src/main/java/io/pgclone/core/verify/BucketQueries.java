package io.pgclone.core.verify;

import io.pgclone.core.sql.Identifiers;

import java.util.StringJoiner;
import java.util.function.Function;

/**
 * The SQL both sides run, so that both compute exactly the same thing: each row's content hash (md5 of the text of
 * the row of compared values) and key (the text of its key values, or the content hash for a table without a key),
 * and the bucket of its key (a stable hash: the one hash partitioning relies on), then per bucket the row count and
 * an order-independent checksum (the sum of the hashes' first 64 bits). All in the server: rows never travel,
 * except those of a bucket that differs, when it is narrowed down.
 */
final class BucketQueries {
    private final TableProjection p;
    private final int buckets;

    BucketQueries(TableProjection p, int buckets) {
        this.p = p;
        this.buckets = buckets;
    }

    /** Per bucket: bucket, rows, checksum. */
    String sums(boolean source) {
        return "SELECT " + bucket() + " AS b, count(*), coalesce(sum(('x' || left(h, 16))::bit(64)::bigint), 0)::text"
                + " FROM (" + rows(source) + ") r GROUP BY 1";
    }

    /** The key and hash of every row of one bucket, in an order both servers agree on. */
    String bucketRows(boolean source, int bucket) {
        return "SELECT k, h FROM (" + rows(source) + ") r WHERE " + bucket() + " = " + bucket
                + " ORDER BY k COLLATE \"C\", h COLLATE \"C\"";
    }

    private String bucket() {
        return "(((pg_catalog.hashtextextended(k, 0) % " + buckets + ") + " + buckets + ") % " + buckets + ")::int";
    }

    private String rows(boolean source) {
        Function<TableProjection.Column, String> expr = source ? TableProjection.Column::sourceSql
                : c -> Identifiers.quote(c.name());
        StringJoiner all = new StringJoiner(", ");
        StringJoiner key = new StringJoiner(", ");
        for (TableProjection.Column c : p.columns()) {
            all.add(expr.apply(c));
            if (c.key()) {
                key.add(expr.apply(c));
            }
        }
        String hash = "pg_catalog.md5(ROW(" + all + ")::text)";
        String k = p.keyed() ? "ROW(" + key + ")::text" : hash;
        String from = " FROM ONLY " + (source ? p.source() : p.target()).sql();
        String where = source && p.where() != null ? " WHERE (" + p.where().sql() + ")" : "";
        return "SELECT " + k + " AS k, " + hash + " AS h" + from + where;
    }
}
