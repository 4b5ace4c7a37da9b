package io.pgclone.cli;

import io.pgclone.core.conn.ConnInfo;
import io.pgclone.core.sql.QualifiedName;
import io.pgclone.core.state.CloneProgress;
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

    @Option(names = "--clone-id", description = "Id of this clone (default: a new random id); status, cancel and"
            + " resume name it.")
    String cloneId;

    @Option(names = "--topic-prefix", description = "Prefix of the clone's topics (default: pgclone.<clone id>).")
    String topicPrefix;

    @Option(names = "--tasks", defaultValue = "2", description = "Source tasks reading in parallel (default ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--sink-tasks", defaultValue = "2", description = "Sink tasks loading in parallel (default ${DEFAULT-VALUE}).")
    int sinkTasks;

    @Option(names = "--chunk-pages", paramLabel = "PAGES",
            description = "Heap pages (8 KiB) per chunk; larger tables are split and read in parallel (default 16384).")
    Long chunkPages;

    @Option(names = "--timeout", paramLabel = "MINUTES", description = "Give up after this many minutes.")
    Integer timeoutMinutes;

    @Option(names = "--work-dir", description = "Directory for the embedded stack's data and logs"
            + " (default ~/.pgclone/clones/<clone id>; kept until the clone is done, for resume).")
    Path workDir;

    @Option(names = "--no-progress", description = "Print progress lines instead of a live bar.")
    boolean noProgress;

    @Option(names = "--format", defaultValue = "avro", paramLabel = "avro|json|copy",
            description = "Records: avro (default; typed, through an embedded schema registry, which needs Java 21+,"
                    + " else json), json (typed), or copy (batches of raw COPY text: the fastest exact clone; no"
                    + " per-column transforms). With --connect, typed records use the cluster's converters unless"
                    + " --registry-url is given.")
    String format;

    @Option(names = "--registry-url", paramLabel = "URL",
            description = "With --connect: Apicurio registry v2 API URL; records go as Avro through Apicurio's converter.")
    String registryUrl;

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
        if (!id.matches("[A-Za-z_][A-Za-z0-9._-]{0,199}")) {
            throw new UserError("--clone-id: start with a letter or '_', then letters, digits, '.', '_' or '-'");
        }
        if (!format.equals("avro") && !format.equals("json") && !format.equals("copy")) {
            throw new UserError("--format: '" + format + "' is none of avro, json, copy");
        }
        boolean copy = format.equals("copy");
        java.util.Map<String, String> sourceSettings = new java.util.LinkedHashMap<>();
        if (chunkPages != null) {
            sourceSettings.put("chunk.pages", chunkPages.toString());
        }
        if (copy) {
            sourceSettings.put("record.format", "copy");
        }
        CloneRequest request = new CloneRequest(src, tgt, tables, id, prefix, tasks, sinkTasks,
                copy ? ConnectorConfigs.copyFormat()
                        : registryUrl == null ? java.util.Map.of() : ConnectorConfigs.avroConverters(registryUrl),
                sourceSettings);
        CloneProgress result = CloneSession.start(request, new CloneSession.Options(connectUrl, workDir,
                format.equals("avro"), !noProgress, timeoutMinutes == null ? null : Duration.ofMinutes(timeoutMinutes)));
        return result.isDone() ? 0 : 1;
    }
}
