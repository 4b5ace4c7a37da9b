package io.pgclone.cli;

import io.pgclone.core.state.CloneProgress;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.Duration;

/** Shows a running clone: a live bar on a terminal, a line every few seconds otherwise. */
final class ProgressView implements AutoCloseable {
    private final PrintStream out;
    private final boolean bar;
    private ProgressBar progressBar;
    private long lastLine;

    ProgressView(PrintStream out, boolean bar) {
        this.out = out;
        this.bar = bar;
    }

    void update(CloneProgress p) {
        if (p.status() == null) {
            return;
        }
        long max = Math.max(p.rowsEstimate(), p.rows());
        String phase = p.phase() + ", tables " + p.tablesDone() + "/" + p.tablesTotal() + ", chunks " + p.chunksDone()
                + "/" + p.chunksTotal() + (p.currentTable() != null ? ", now " + p.currentTable() : "");
        if (bar) {
            if (progressBar == null) {
                progressBar = new ProgressBarBuilder().setTaskName("Cloning").setInitialMax(Math.max(1, max))
                        .setUnit(" rows", 1).setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).showSpeed()
                        .setMaxRenderedLength(120).setUpdateIntervalMillis(250).continuousUpdate()
                        .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(out)).build();
            }
            progressBar.maxHint(Math.max(1, max));
            progressBar.stepTo(p.rows());
            progressBar.setExtraMessage(phase);
        } else if (System.currentTimeMillis() - lastLine >= 5000) {
            lastLine = System.currentTimeMillis();
            out.printf("  %,d rows committed (%s)%n", p.rows(), phase);
        }
    }

    @Override
    public void close() {
        if (progressBar != null) {
            progressBar.close();
        }
    }

    static String seconds(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
