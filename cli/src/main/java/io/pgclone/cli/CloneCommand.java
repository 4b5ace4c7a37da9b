package io.pgclone.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.pgclone.core.conn.ConnInfo;
import io.pgclone.core.conn.TargetDatabase;
import io.pgclone.core.options.Conflict;
import io.pgclone.core.options.PgcloneOptions;
import io.pgclone.core.options.SettingEnums;
import io.pgclone.core.protocol.ControlMessage;
import io.pgclone.core.state.CloneProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

@Command(name = "clone", mixinStandardHelpOptions = true,
        description = {"Clone tables, schemas or a whole database from a source PostgreSQL to a target through Kafka Connect.",
                "By default runs an embedded Kafka broker and Connect worker; --connect uses an existing cluster."})
final class CloneCommand implements Callable<Integer> {

    @Option(names = "--source", required = true, paramLabel = "CONNINFO",
            description = "Source server: 'host=h port=5432 dbname=d user=u password=p', postgresql://u:p@h/d or a JDBC URL.")
    String source;

    @Option(names = "--target", required = true, paramLabel = "CONNINFO", description = "Target server, same forms.")
    String target;

    @Option(names = "--table", paramLabel = "SCHEMA.TABLE",
            description = "A table to clone (repeatable). A bare name means schema public.")
    List<String> tables;

    @Option(names = "--schema", paramLabel = "SCHEMA", description = "A schema to clone whole (repeatable): tables,"
            + " views, materialized views, sequences, types, functions, then constraints, indexes and triggers.")
    List<String> schemas;

    @Option(names = "--database", description = "Clone every user schema of the source database.")
    boolean database;

    @Option(names = "--target-name", paramLabel = "NAME",
            description = "With one --table: create it under this name (NAME or SCHEMA.NAME) on the target.")
    String targetName;

    @Option(names = "--target-schema", paramLabel = "SCHEMA",
            description = "With one --schema: create it under this name on the target.")
    String targetSchema;

    @Option(names = "--create-database", description = "Create the target database when it does not exist.")
    boolean createDatabase;

    @Option(names = "--functions-only", description = "Clone only the functions and procedures of the schemas.")
    boolean functionsOnly;

    @Option(names = "--structure-only", description = "Clone the structure without rows.")
    boolean structureOnly;

    @Option(names = "--no-indexes", description = "Leave out indexes.")
    boolean noIndexes;

    @Option(names = "--no-constraints", description = "Leave out constraints.")
    boolean noConstraints;

    @Option(names = "--no-triggers", description = "Leave out triggers.")
    boolean noTriggers;

    @Option(names = "--no-matviews", description = "Leave out materialized views.")
    boolean noMatviews;

    @Option(names = "--conflict", paramLabel = "error|skip|replace|rename",
            description = "When an object exists on the target: error (default) stops before changing anything, skip"
                    + " leaves it, replace drops and re-clones it, rename moves it to <name>_old.")
    String conflict;

    @Option(names = "--options", paramLabel = "JSON", description = "pgclone's options string, e.g. '{\"indexes\":"
            + " false, \"conflict\": \"skip\", \"columns\": [\"id\", \"email\"], \"where\": \"active\","
            + " \"mask\": {\"email\": \"email\"}, \"parallel\": 4}'. columns and where need one --table;"
            + " explicit flags win over it.")
    String options;

    @Option(names = "--mask", paramLabel = "JSON", description = "Masks for every table: {\"column\": \"strategy\"}"
            + " or {\"column\": {\"type\": ..., params}} (email, name, phone, partial, hash, null, random_int,"
            + " constant). Applied before records reach Kafka.")
    String mask;

    @Option(names = "--masks", paramLabel = "JSON", description = "Masks by table, as 'pgclone discover' prints them:"
            + " {\"table\": {\"column\": strategy}}.")
    String masks;

    @Option(names = "--hash-key-file", paramLabel = "FILE", description = "A properties file whose mask.key is the"
            + " secret of the hash strategy (HMAC-SHA256 instead of MD5). Read by the Connect worker, never copied"
            + " into the connector config.")
    Path hashKeyFile;

    @Option(names = "--connect-secrets-dir", paramLabel = "DIR",
            description = {"With --connect: a folder the Connect workers read too, for the run's passwords. The",
                    "connector configs refer to a 0600 file there through the workers' file config provider",
                    "(config.providers=file), removed when the run ends, so no password reaches the config topic."})
    Path secretsDir;

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

    @Option(names = "--format", paramLabel = "copy|avro|json",
            description = "Records: copy (default; batches of raw COPY text, the fastest exact clone, masks included:"
                    + " the source applies them in its COPY query), avro (typed, one record per row, through an embedded"
                    + " schema registry, which needs Java 21+, else json; the default with --registry-url) or json"
                    + " (typed). Choose a typed format when other consumers read the topics. With --connect, typed"
                    + " records use the cluster's converters unless --registry-url is given.")
    String format;

    @Option(names = "--registry-url", paramLabel = "URL",
            description = "With --connect: Apicurio registry v2 API URL; records go as Avro through Apicurio's converter.")
    String registryUrl;

    @Override
    public Integer call() {
        PgcloneOptions opts = parseOptions();
        CloneScope scope = CloneScope.of(tables, schemas, database, targetName, targetSchema);
        ConnInfo src = ConnectionCheck.parse("--source", source);
        ConnInfo tgt = ConnectionCheck.parse("--target", target);
        src = ConnectionCheck.check("--source", src);
        if (createDatabase) {
            ConnInfo maintenance = tgt.with(null, null, "postgres", null, null);
            maintenance = ConnectionCheck.check("--target", maintenance);
            tgt = tgt.with(null, null, null, null, maintenance.password());
            try {
                TargetDatabase.ensure(maintenance, tgt.database());
            } catch (RuntimeException e) {
                throw new UserError("--create-database: " + e.getMessage());
            }
        }
        tgt = ConnectionCheck.check("--target", tgt);
        String id = cloneId != null ? cloneId : "clone-" + UUID.randomUUID().toString().substring(0, 8);
        String prefix = topicPrefix != null ? topicPrefix : "pgclone." + id;
        if (!CloneHome.isValidId(id)) {
            throw new UserError("--clone-id: start with a letter or '_', then letters, digits, '.', '_' or '-'");
        }
        if (format == null) {
            format = registryUrl != null ? "avro" : "copy";
        }
        if (!format.equals("avro") && !format.equals("json") && !format.equals("copy")) {
            throw new UserError("--format: '" + format + "' is none of avro, json, copy");
        }
        boolean copy = format.equals("copy");
        Map<String, String> sourceSettings = new LinkedHashMap<>(scope.settings());
        if (chunkPages != null) {
            sourceSettings.put("chunk.pages", chunkPages.toString());
        }
        if (copy) {
            sourceSettings.put("record.format", "copy");
        }
        sourceSettings.putAll(switches(opts));
        sourceSettings.putAll(tableOptions(scope, opts));
        sourceSettings.putAll(MaskSettings.of(mask != null ? mask : opts.mask() == null ? null : opts.mask().toString(),
                masks, hashKeyFile));
        Map<String, String> sinkSettings = new LinkedHashMap<>(scope.targetSettings());
        sinkSettings.put("conflict", conflict(opts));
        if (createDatabase) {
            sinkSettings.put("target.database.create", "true");
        }
        int sourceTasks = opts.parallel() != null && !spec.commandLine().getParseResult().hasMatchedOption("--tasks")
                ? opts.parallel() : tasks;
        CloneRequest request = new CloneRequest(src, tgt, scope.description(), scope.tables(), id, prefix, sourceTasks,
                sinkTasks, copy ? ConnectorConfigs.copyFormat()
                        : registryUrl == null ? Map.of() : ConnectorConfigs.avroConverters(registryUrl),
                sourceSettings, sinkSettings);
        if (secretsDir != null && connectUrl == null) {
            throw new UserError("--connect-secrets-dir: only with --connect (the embedded worker uses the clone's folder)");
        }
        CloneProgress result = CloneSession.start(request, new CloneSession.Options(connectUrl, workDir,
                format.equals("avro"), !noProgress, timeoutMinutes == null ? null : Duration.ofMinutes(timeoutMinutes),
                secretsDir));
        return result.isDone() ? 0 : 1;
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private PgcloneOptions parseOptions() {
        if (options == null) {
            return PgcloneOptions.parse("{}");
        }
        try {
            return PgcloneOptions.parse(options);
        } catch (IllegalArgumentException e) {
            throw new UserError("--options: " + e.getMessage());
        }
    }

    /** Switches: a flag wins over the options string. */
    private Map<String, String> switches(PgcloneOptions o) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("indexes", Boolean.toString(!noIndexes && !Boolean.FALSE.equals(o.indexes())));
        m.put("constraints", Boolean.toString(!noConstraints && !Boolean.FALSE.equals(o.constraints())));
        m.put("triggers", Boolean.toString(!noTriggers && !Boolean.FALSE.equals(o.triggers())));
        m.put("matviews", Boolean.toString(!noMatviews && !Boolean.FALSE.equals(o.matviews())));
        m.put("functions.only", Boolean.toString(functionsOnly));
        m.put("include.data", Boolean.toString(!structureOnly));
        return m;
    }

    /** The sink's conflict setting: --conflict wins over the options string. */
    private String conflict(PgcloneOptions o) {
        String c = conflict != null ? conflict : o.conflict() != null ? o.conflict() : SettingEnums.setting(Conflict.ERROR);
        try {
            return SettingEnums.setting(SettingEnums.parse(Conflict.class, c));
        } catch (IllegalArgumentException e) {
            throw new UserError("--conflict: " + e.getMessage());
        }
    }

    /** columns and where of the options string: pgclone gives them for one table. */
    private static Map<String, String> tableOptions(CloneScope scope, PgcloneOptions o) {
        if (o.table().isEmpty()) {
            return Map.of();
        }
        if (scope.tables().size() != 1) {
            throw new UserError("--options: columns and where apply to one table; give exactly one --table");
        }
        Map<String, Object> json = Map.of(scope.tables().get(0), o.table().toJson());
        try {
            return Map.of("table.options", ControlMessage.JSON.writeValueAsString(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
