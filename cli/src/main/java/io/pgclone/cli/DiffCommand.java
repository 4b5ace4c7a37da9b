package io.pgclone.cli;

import io.pgclone.core.catalog.Catalog;
import io.pgclone.core.catalog.CatalogDiff;
import io.pgclone.core.catalog.CatalogReader;
import io.pgclone.core.catalog.Scope;
import io.pgclone.core.conn.ConnInfo;
import io.pgclone.core.conn.PgConnections;
import io.pgclone.core.report.DiffJson;
import io.pgclone.core.sql.QualifiedName;
import io.pgclone.core.sql.SqlRenamer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compare the structure of a source and a target (drift report): every object, column, type,"
                + " default, constraint, index, trigger, view and function definition, owner and grant.",
                "Exit code 0 when they match, 1 when they differ, 2 on bad input. --json prints pgclone's drift report."})
final class DiffCommand implements Callable<Integer> {
    @Option(names = "--source", required = true, paramLabel = "CONNINFO", description = "The reference database.")
    String source;

    @Option(names = "--target", required = true, paramLabel = "CONNINFO", description = "The database to compare.")
    String target;

    @Option(names = "--schema", paramLabel = "SCHEMA", description = "A schema to compare (repeatable; default: all).")
    List<String> schemas;

    @Option(names = "--target-schema", paramLabel = "SCHEMA",
            description = "With one --schema: its name on the target (a clone made with --target-schema).")
    String targetSchema;

    @Option(names = "--ignore", paramLabel = "KIND", split = ",",
            description = "Kinds to leave out, e.g. sequence-value,grant.")
    Set<String> ignore = Set.of();

    @Option(names = "--json", description = "pgclone's JSON drift report: only_in_source, only_in_target and modified"
            + " per category, with in_sync.")
    boolean json;

    @Override
    public Integer call() throws SQLException {
        ConnInfo src = ConnectionCheck.parse("--source", source);
        ConnInfo tgt = ConnectionCheck.parse("--target", target);
        src = ConnectionCheck.check("--source", src);
        tgt = ConnectionCheck.check("--target", tgt);
        List<String> s = schemas == null ? List.of() : schemas;
        if (targetSchema != null && s.size() != 1) {
            throw new UserError("--target-schema: give exactly one --schema");
        }
        List<String> t = targetSchema == null ? s : List.of(targetSchema);
        Map<String, String> rename = targetSchema == null ? Map.of() : Map.of(s.get(0), targetSchema);
        try (Connection a = PgConnections.open(src, "pgclone diff"); Connection b = PgConnections.open(tgt, "pgclone diff")) {
            Catalog left = read(a, s, "--source");
            Catalog right = read(b, t, "--target");
            boolean acrossVersions = PgConnections.majorVersion(a) != PgConnections.majorVersion(b);
            SqlRenamer renamer = new SqlRenamer(rename, Map.<QualifiedName, QualifiedName>of());
            CatalogDiff.Report r = CatalogDiff.compare(left, right, renamer, ignore, acrossVersions);
            if (json) {
                System.out.println(Json.pretty(DiffJson.of(r, left, right, renamer)));
                return r.inSync() ? 0 : 1;
            }
            if (r.inSync()) {
                System.out.println("In sync: " + left.objects().size() + " objects compared");
                return 0;
            }
            r.lines().forEach(System.out::println);
            System.out.printf("%d difference(s)%n", r.lines().size());
            return 1;
        }
    }

    private static Catalog read(Connection c, List<String> schemas, String option) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
            try {
                return new CatalogReader(c).read(new Scope(List.of(), new ArrayList<>(schemas), schemas.isEmpty(), false,
                        true, true, true, true, true, true));
            } catch (CatalogReader.MissingSchemaException e) {
                throw new UserError(option + ": " + e.getMessage());
            } finally {
                st.execute("ROLLBACK");
            }
        }
    }
}
