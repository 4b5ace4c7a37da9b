package io.pgclone.cli;

import io.pgclone.core.conn.PgConnections;
import io.pgclone.core.mask.Masking;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "masking-report", mixinStandardHelpOptions = true,
        description = "List the sensitive columns of a schema (by name) and whether a masking view covers them"
                + " (pgclone's masking_report).")
final class MaskingReportCommand implements Callable<Integer> {
    @Mixin
    TargetOption target;

    @Option(names = "--schema", defaultValue = "public", description = "The schema (default ${DEFAULT-VALUE}).")
    String schema;

    @Option(names = "--json", description = "One JSON object per row instead of a table.")
    boolean json;

    @Override
    public Integer call() throws SQLException {
        try (Connection c = PgConnections.open(target.connInfo(), "pgclone masking-report")) {
            List<Masking.ReportRow> rows = Masking.report(c, schema);
            if (json) {
                System.out.println(Json.pretty(rows));
                return 0;
            }
            String fmt = "%-12s %-20s %-20s %-14s %-14s %s%n";
            System.out.printf(fmt, "schema", "table", "column", "category", "mask_status", "recommendation");
            rows.forEach(r -> System.out.printf(fmt, r.schema(), r.table(), r.column(), r.category(), r.maskStatus(),
                    r.recommendation()));
            System.out.printf("(%d sensitive column%s)%n", rows.size(), rows.size() == 1 ? "" : "s");
        }
        return 0;
    }
}
