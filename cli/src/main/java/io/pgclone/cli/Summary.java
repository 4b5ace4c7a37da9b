package io.pgclone.cli;

import io.pgclone.core.state.CloneProgress;

import java.io.PrintStream;
import java.time.Duration;

/** The end-of-clone report: tables, rows, seconds, and every warning (what was left out, and why). */
final class Summary {
    private Summary() {
    }

    static void print(PrintStream out, CloneProgress p, Duration clone, Duration total) {
        out.printf("%nClone %s %s: %d table(s), %,d rows in %s (%s including start-up)%s%n", p.cloneId(), p.status(),
                p.tables().size(), p.rows(), ProgressView.seconds(clone), ProgressView.seconds(total),
                p.consistent() ? ", one consistent snapshot" : ", NOT snapshot-consistent (the snapshot was lost and replaced)");
        int w = Math.max(12, p.tables().stream().mapToInt(t -> t.target().length()).max().orElse(0));
        out.printf("  %-" + w + "s %14s  %s%n", "table", "rows", "status");
        for (CloneProgress.TableProgress t : p.tables()) {
            out.printf("  %-" + w + "s %,14d  %s%n", t.target(), t.rows(), t.status());
        }
        if (!p.warnings().isEmpty()) {
            out.printf("Warnings (%d):%n", p.warnings().size());
            p.warnings().forEach(x -> out.printf("  - %s%n", x));
        }
    }
}
