package io.pgclone.cli;

import io.pgclone.core.catalog.Catalog;
import io.pgclone.core.conn.ConnInfo;
import io.pgclone.core.conn.PgConnections;
import io.pgclone.core.options.Conflict;
import io.pgclone.core.options.SettingEnums;
import io.pgclone.core.preflight.Check;
import io.pgclone.core.preflight.SourceChecks;
import io.pgclone.core.preflight.TargetChecks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "preflight", mixinStandardHelpOptions = true,
        description = {"Check, before anything runs, that a clone can succeed: both connections and versions, snapshot",
                "export and SELECT on every table, CREATE on the target, names the conflict strategy would stop at,",
                "and the roles, extensions and collations the clone needs but the target lacks. Reads only.",
                "Exit code 0 when ready (warnings allowed), 1 when not, 2 on bad input."})
final class PreflightCommand implements Callable<Integer> {
    @Option(names = "--source", required = true, paramLabel = "CONNINFO", description = "The database to clone.")
    String source;

    @Option(names = "--target", required = true, paramLabel = "CONNINFO", description = "Where the clone would go.")
    String target;

    @Mixin
    ScopeOptions scope;

    @Option(names = "--conflict", defaultValue = "error", paramLabel = "error|skip|replace|rename",
            description = "The clone's conflict strategy (default ${DEFAULT-VALUE}): with error, a name taken fails.")
    String conflict;

    @Option(names = "--json", description = "One JSON document: ready, and one entry per check.")
    boolean json;

    @Override
    public Integer call() throws SQLException {
        Conflict strategy;
        try {
            strategy = SettingEnums.parse(Conflict.class, conflict);
        } catch (IllegalArgumentException e) {
            throw new UserError("--conflict: " + e.getMessage());
        }
        ConnInfo src = ConnectionCheck.check("--source", ConnectionCheck.parse("--source", source));
        ConnInfo tgt = ConnectionCheck.check("--target", ConnectionCheck.parse("--target", target));
        List<Check> checks = new ArrayList<>();
        try (Connection s = PgConnections.openSource(src, "pgclone preflight", Duration.ofSeconds(30));
             Connection t = PgConnections.openSource(tgt, "pgclone preflight", Duration.ofSeconds(30))) {
            Catalog catalog = scope.read(s);
            checks.addAll(SourceChecks.run(s, catalog.tables(), "--source"));
            checks.addAll(TargetChecks.run(t, catalog, scope.targetName(), strategy == Conflict.ERROR,
                    PgConnections.majorVersion(s), "--target"));
        }
        boolean ready = checks.stream().noneMatch(c -> c.level() == Check.Level.FAIL);
        if (json) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (Check c : checks) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("check", c.name());
                m.put("level", c.level().name().toLowerCase(Locale.ROOT));
                m.put("setting", c.setting());
                m.put("message", c.message());
                list.add(m);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("ready", ready);
            doc.put("checks", list);
            System.out.println(Json.pretty(doc));
        } else {
            for (Check c : checks) {
                String mark = switch (c.level()) {
                    case OK -> "✓";
                    case WARN -> "!";
                    case FAIL -> "✗";
                };
                System.out.printf("%s %-22s %s%n", mark, c.name(), c.message());
            }
            System.out.println(ready ? "Ready to clone" : "Not ready: fix the ✗ lines first");
        }
        return ready ? 0 : 1;
    }
}
