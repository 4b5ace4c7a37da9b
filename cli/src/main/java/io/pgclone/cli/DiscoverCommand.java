package io.pgclone.cli;

import io.pgclone.core.conn.ConnInfo;
import io.pgclone.core.conn.PgConnections;
import io.pgclone.core.mask.Discovery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;

@Command(name = "discover", mixinStandardHelpOptions = true,
        description = {"Suggest masks for the columns of a schema that look personal: by name (pgclone's patterns) and,"
                + " for text columns, by sampled values (emails, phones, card numbers with a Luhn check, SSNs, IBANs,"
                + " IP addresses).",
                "Prints JSON grouped by table, each suggestion with its reason, ready to paste as --masks (or the Mask"
                        + " transform's masks setting); --plain prints pgclone's bare form."})
final class DiscoverCommand implements Callable<Integer> {
    @Option(names = "--source", required = true, paramLabel = "CONNINFO", description = "The database to look at.")
    String source;

    @Option(names = "--schema", defaultValue = "public", description = "The schema (default ${DEFAULT-VALUE}).")
    String schema;

    @Option(names = "--sample", defaultValue = "200", paramLabel = "ROWS",
            description = "Values sampled per column whose name says nothing (default ${DEFAULT-VALUE}; 0: names only).")
    int sample;

    @Option(names = "--plain", description = "Strategies only, as pgclone's discover_sensitive prints them.")
    boolean plain;

    @Override
    public Integer call() throws SQLException {
        ConnInfo info = ConnectionCheck.parse("--source", source);
        info = ConnectionCheck.check("--source", info);
        try (Connection c = PgConnections.open(info, "pgclone discover")) {
            // the driver begins every transaction READ ONLY, but only with autocommit off: read the source in one
            c.setAutoCommit(false);
            c.setReadOnly(true);
            Discovery.Result r;
            try {
                r = Discovery.discover(c, schema, sample);
            } catch (IllegalArgumentException e) {
                throw new UserError("--schema: " + e.getMessage());
            }
            System.out.println(Json.pretty(Discovery.toJson(r, plain)));
            r.unmaskable().forEach(u -> System.err.println("note: " + u));
        }
        return 0;
    }
}
