package io.pgclone.cli;

import io.pgclone.core.conn.ConnInfo;
import io.pgclone.core.conn.PgConnections;
import io.pgclone.core.roles.RoleCloner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "clone-roles", mixinStandardHelpOptions = true,
        description = {"Copy roles from the source server to the target: attributes, connection limits, VALID UNTIL,",
                "settings, memberships and grants on objects both sides have. Existing roles are updated, never",
                "dropped; a second run changes nothing. Password hashes only with --with-passwords, straight from",
                "server to server (never through Kafka, never printed). What the target user may not give is listed."})
final class CloneRolesCommand implements Callable<Integer> {
    @Option(names = "--source", required = true, paramLabel = "CONNINFO", description = "The server to read roles from.")
    String source;

    @Option(names = "--target", required = true, paramLabel = "CONNINFO", description = "The server to create them on.")
    String target;

    @Option(names = "--roles", paramLabel = "ROLE", split = ",", description = "Only these roles (default: every"
            + " non-system role).")
    List<String> roles = List.of();

    @Option(names = "--with-passwords", description = "Also copy the password hashes (SCRAM or MD5) as they are.")
    boolean withPasswords;

    @Option(names = "--json", description = "The summary as JSON: created, updated, grants, skipped.")
    boolean json;

    @Override
    public Integer call() throws SQLException {
        ConnInfo src = ConnectionCheck.check("--source", ConnectionCheck.parse("--source", source));
        ConnInfo tgt = ConnectionCheck.check("--target", ConnectionCheck.parse("--target", target));
        RoleCloner.Summary summary;
        // the source read-only under one snapshot; the target in one transaction, all or nothing
        try (Connection s = PgConnections.openSource(src, "pgclone clone-roles", Duration.ofSeconds(30));
             Connection t = PgConnections.open(tgt, "pgclone clone-roles")) {
            t.setAutoCommit(false);
            try {
                summary = new RoleCloner(s, t).cloneRoles(roles, withPasswords);
            } catch (SQLException e) {
                if (String.valueOf(e.getMessage()).startsWith("no role ")) {
                    throw new UserError("--roles: " + e.getMessage());
                }
                if ("42501".equals(e.getSQLState()) && withPasswords) {
                    throw new UserError("--with-passwords: " + e.getMessage());
                }
                throw e;
            }
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("created", summary.created());
            doc.put("updated", summary.updated());
            doc.put("grants", summary.grants());
            doc.put("skipped", summary.skipped());
            System.out.println(Json.pretty(doc));
            return 0;
        }
        summary.skipped().forEach(line -> System.out.println("skipped: " + line));
        System.out.println(summary);
        return 0;
    }
}
