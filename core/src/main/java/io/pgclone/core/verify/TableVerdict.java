package io.pgclone.core.verify;

import io.pgclone.core.sql.QualifiedName;

import java.util.List;

/**
 * How one table compared.
 *
 * @param source        the table on the source
 * @param target        its copy on the target
 * @param sourceRows    rows the clone should hold (the source's, under its filter)
 * @param targetRows    rows the target holds, or -1 when the table is missing there
 * @param status        the verdict
 * @param notComparable columns left out, each with why
 * @param differences   examples of what differs (bucket and key), at most a handful
 */
public record TableVerdict(QualifiedName source, QualifiedName target, long sourceRows, long targetRows, Status status,
                           List<String> notComparable, List<String> differences) {

    public enum Status {
        MATCH("✓"), DIFFERENT("✗"), MISSING("✗ (missing)");

        private final String mark;

        Status(String mark) {
            this.mark = mark;
        }

        /** pgclone's marks: ✓, ✗ and ✗ (missing). */
        public String mark() {
            return mark;
        }
    }

    public boolean matches() {
        return status == Status.MATCH;
    }
}
