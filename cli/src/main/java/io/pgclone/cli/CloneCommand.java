package io.pgclone.cli;

import io.pgclone.core.conn.ConnInfo;
import io.pgclone.core.sql.QualifiedName;
import io.pgclone.core.state.CloneProgress;
import io.pgclone.stack.ConnectRestClient;
import io.pgclone.stack.LocalStack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

@Command(name = "clone", mixinStandardHelpOptions = true,
        description = {"Clone tables from a source PostgreSQL to a target through Kafka Connect.",
                "By default runs an embedded Kafka broker and Connect worker; --connect uses an existing cluster."})
final class CloneCommand implements Callable<Integer> {

    @Option(names = "--source", required = true, paramLabel = "CONNINFO",
            description = "Source server: 'host=h port=5432 dbname=d user=u password=p', postgresql://u:p@h/d or a JDBC URL.")
    String source;

    @Option(names = "--target", required = true, paramLabel = "CONNINFO", description = "Target server, same forms.")
    String target;

    @Option(names = "--table", required = true, paramLabel = "SCHEMA.TABLE",
            description = "A table to clone (repeatable). A bare name means schema public.")
    List<String> tables;

    @Option(names = "--connect", paramLabel = "URL",
            description = "REST URL of an existing Kafka Connect cluster that has the pgclone-connect plugin.")
    String connectUrl;

    @Option(names = "--clone-id", description = "Id of this clone (default: a new random id).")
    String cloneId;

    @Option(names = "--topic-prefix", description = "Prefix of the clone's topics (default: pgclone.<clone id>).")
    String topicPrefix;

    @Option(names = "--tasks", defaultValue = "2", description = "Source tasks reading in parallel (default ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--sink-tasks", defaultValue = "2", description = "Sink tasks loading in parallel (default ${DEFAULT-VALUE}).")
    int sinkTasks;

    @Option(names = "--timeout", paramLabel = "MINUTES", description = "Give up after this many minutes.")
    Integer timeoutMinutes;

    @Option(names = "--work-dir", description = "Directory for the embedded broker's and worker's data and logs.")
    Path workDir;

    @Option(names = "--no-progress", description = "Print progress lines instead of a live bar.")
    boolean noProgress;

    @Override
    public Integer call() {
        for (String t : tables) {
            try {
                QualifiedName.parse(t);
            } catch (IllegalArgumentException e) {
                throw new UserError("--table: " + e.getMessage());
            }
        }
        ConnInfo src = ConnectionCheck.parse("--source", source);
        ConnInfo tgt = ConnectionCheck.parse("--target", target);
        ConnectionCheck.check("--source", src);
        ConnectionCheck.check("--target", tgt);
        String id = cloneId != null ? cloneId : "clone-" + UUID.randomUUID().toString().substring(0, 8);
        String prefix = topicPrefix != null ? topicPrefix : "pgclone." + id;
        CloneRequest request = new CloneRequest(src, tgt, tables, id, prefix, tasks, sinkTasks);
        CloneProgress result = run(request, connectUrl, workDir, !noProgress,
                timeoutMinutes == null ? null : Duration.ofMinutes(timeoutMinutes));
        return result.isDone() ? 0 : 1;
    }

    /** Runs a clone on the given cluster, or on an embedded one, and prints the summary. */
    static CloneProgress run(CloneRequest request, String connectUrl, Path workDir, boolean bar, Duration timeout) {
        var out = System.out;
        long t0 = System.nanoTime();
        LocalStack stack = null;
        try {
            ConnectRestClient rest;
            if (connectUrl != null) {
                rest = new ConnectRestClient(connectUrl);
                rest.serverInfo();
            } else {
                stack = EmbeddedStack.start(workDir, out);
                rest = stack.worker().rest();
            }
            out.printf("Cloning %d table(s) as clone %s%n", request.tables().size(), request.cloneId());
            long c0 = System.nanoTime();
            CloneProgress p = new CloneRunner(rest, out, bar).run(request, timeout);
            Summary.print(out, p, Duration.ofNanos(System.nanoTime() - c0), Duration.ofNanos(System.nanoTime() - t0));
            return p;
        } catch (ConnectRestClient.ConnectRestException e) {
            if (connectUrl != null && e.status() == 0) {
                throw new UserError("--connect: " + e.getMessage());
            }
            throw new CloneFailed("Kafka Connect: " + e.getMessage());
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }
}
