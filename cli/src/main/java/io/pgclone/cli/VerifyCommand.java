package io.pgclone.cli;

import io.pgclone.core.catalog.Catalog;
import io.pgclone.core.catalog.TableDef;
import io.pgclone.core.conn.ConnInfo;
import io.pgclone.core.conn.PgConnections;
import io.pgclone.core.filter.FilterCheck;
import io.pgclone.core.mask.HashKey;
import io.pgclone.core.mask.MaskOptions;
import io.pgclone.core.mask.MaskStrategy;
import io.pgclone.core.verify.TableProjection;
import io.pgclone.core.verify.TableVerdict;
import io.pgclone.core.verify.Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Prove a clone exact: per table, exact row counts on both sides and a content checksum computed",
                "in SQL the same way on each (rows do not travel), each side under one snapshot. Masked columns are",
                "compared with the masks computed on the source; random masks are reported as not comparable.",
                "Exit code 0 when every table matches, 1 on any difference, 2 on bad input."})
final class VerifyCommand implements Callable<Integer> {
    @Option(names = "--source", required = true, paramLabel = "CONNINFO", description = "The database cloned from.")
    String source;

    @Option(names = "--target", required = true, paramLabel = "CONNINFO", description = "The clone.")
    String target;

    @Mixin
    ScopeOptions scope;

    @Option(names = "--mask", paramLabel = "JSON", description = "The clone's masks for every table, as given to clone.")
    String mask;

    @Option(names = "--masks", paramLabel = "JSON", description = "The clone's masks by table, as given to clone.")
    String masks;

    @Option(names = "--hash-key-file", paramLabel = "FILE", description = "The clone's hash key file, for hash masks.")
    Path hashKeyFile;

    @Option(names = "--buckets", defaultValue = "256", description = "Checksum buckets per table (default ${DEFAULT-VALUE}):"
            + " a difference is narrowed to its bucket and key.")
    int buckets;

    @Option(names = "--json", description = "One JSON document: the verdict of each table and in_sync.")
    boolean json;

    @Override
    public Integer call() throws SQLException {
        if (buckets < 1 || buckets > 65536) {
            throw new UserError("--buckets: give 1 to 65536");
        }
        ConnInfo src = ConnectionCheck.check("--source", ConnectionCheck.parse("--source", source));
        ConnInfo tgt = ConnectionCheck.check("--target", ConnectionCheck.parse("--target", target));
        HashKey key = hashKeyFile == null ? HashKey.NONE : hashKey();
        Map<String, MaskStrategy> everyTable;
        Map<String, Map<String, MaskStrategy>> byTable;
        try {
            everyTable = mask == null ? Map.of() : MaskOptions.parse(mask, key);
            byTable = masks == null ? Map.of() : MaskOptions.parseByTable(masks, key);
        } catch (IllegalArgumentException e) {
            throw new UserError((mask != null ? "--mask: " : "--masks: ") + e.getMessage());
        }
        List<TableVerdict> verdicts = new ArrayList<>();
        // each side read-only under one snapshot, so that a table's count and checksum agree with each other
        try (Connection s = PgConnections.openSource(src, "pgclone verify", Duration.ofSeconds(30));
             Connection t = PgConnections.openSource(tgt, "pgclone verify", Duration.ofSeconds(30))) {
            Catalog catalog = scope.read(s);
            Verifier verifier = new Verifier(s, t, buckets);
            for (TableDef def : catalog.tables()) {
                Map<String, MaskStrategy> m = new LinkedHashMap<>(everyTable);
                m.putAll(byTable.getOrDefault(def.name().toString(), Map.of()));
                m.keySet().retainAll(def.columns().stream().map(c -> c.name()).toList());
                try {
                    verdicts.add(verifier.verify(TableProjection.of(def, scope.targetName().apply(def.name()), m, null)));
                } catch (FilterCheck.Refused e) {
                    throw new UserError("--masks: " + e.getMessage());
                }
            }
        }
        boolean inSync = verdicts.stream().allMatch(TableVerdict::matches);
        if (json) {
            List<Map<String, Object>> tables = new ArrayList<>();
            for (TableVerdict v : verdicts) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("source", v.source().toString());
                m.put("target", v.target().toString());
                m.put("source_rows", v.sourceRows());
                m.put("target_rows", v.targetRows());
                m.put("status", v.status().name().toLowerCase(Locale.ROOT));
                m.put("mark", v.status().mark());
                m.put("not_comparable", v.notComparable());
                m.put("differences", v.differences());
                tables.add(m);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("tables", tables);
            doc.put("in_sync", inSync);
            System.out.println(Json.pretty(doc));
        } else {
            for (TableVerdict v : verdicts) {
                System.out.printf("%-12s %s  %,d / %,d rows%n", v.status().mark(), v.source(), v.sourceRows(), v.targetRows());
                v.differences().forEach(d -> System.out.println("             " + d));
                v.notComparable().forEach(d -> System.out.println("             not comparable: " + d));
            }
            long bad = verdicts.stream().filter(v -> !v.matches()).count();
            System.out.println(inSync ? "Verified: " + verdicts.size() + " table(s) match"
                    : bad + " of " + verdicts.size() + " table(s) differ");
        }
        return inSync ? 0 : 1;
    }

    private HashKey hashKey() {
        try {
            return HashKey.fromFile(hashKeyFile.toAbsolutePath());
        } catch (IllegalArgumentException e) {
            throw new UserError("--hash-key-file: " + e.getMessage());
        }
    }
}
