package io.pgclone.core.preflight;

import io.pgclone.core.catalog.Catalog;
import io.pgclone.core.catalog.CatalogObject;
import io.pgclone.core.catalog.ColumnDef;
import io.pgclone.core.catalog.TableDef;
import io.pgclone.core.conn.PgConnections;
import io.pgclone.core.sql.QualifiedName;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Whether the target can take this source catalog, checked before anything runs and without changing anything:
 * its version, the right to create, names already taken (under the conflict strategy), and the roles, extensions
 * and collations the catalog needs but the target lacks.
 */
public final class TargetChecks {
    private TargetChecks() {
    }

    /**
     * @param catalog     what the clone would create
     * @param targetName  where each source table lands (renames)
     * @param conflictErr whether an existing object stops the clone (conflict=error)
     * @param sourceMajor the source's major version
     */
    public static List<Check> run(Connection target, Catalog catalog, UnaryOperator<QualifiedName> targetName,
                                  boolean conflictErr, int sourceMajor, String setting) throws SQLException {
        List<Check> out = new ArrayList<>();
        int major = PgConnections.majorVersion(target);
        if (major < SourceChecks.MIN_MAJOR) {
            out.add(new Check("target.version", Check.Level.FAIL, setting, "the target runs PostgreSQL " + major + "; "
                    + SourceChecks.MIN_MAJOR + " or newer is required"));
        } else if (major < sourceMajor) {
            out.add(new Check("target.version", Check.Level.WARN, setting, "the target (" + major + ") is older than the"
                    + " source (" + sourceMajor + "): features newer than " + major + " are left out or fail, named"));
        } else {
            out.add(Check.ok("target.version", "PostgreSQL " + major));
        }
        out.add(bool(target, "SELECT has_database_privilege(current_database(), 'CREATE')")
                ? Check.ok("target.create", "the target user may create schemas")
                : new Check("target.create", Check.Level.FAIL, setting, "the target user may not create schemas in"
                        + " database " + target.getCatalog() + " (grant it CREATE on the database)"));

        Set<String> taken = new TreeSet<>();
        try (PreparedStatement ps = target.prepareStatement("SELECT pg_catalog.to_regclass(?) IS NOT NULL")) {
            for (TableDef t : catalog.tables()) {
                QualifiedName to = targetName.apply(t.name());
                ps.setString(1, to.sql());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        taken.add(to.toString());
                    }
                }
            }
        }
        out.add(taken.isEmpty() ? Check.ok("target.conflicts", "no table of the clone exists on the target")
                : new Check("target.conflicts", conflictErr ? Check.Level.FAIL : Check.Level.WARN, "conflict",
                        "already on the target: " + String.join(", ", taken)
                                + (conflictErr ? " (conflict=error stops the clone)" : " (handled as conflict says)")));

        Set<String> roles = new TreeSet<>();
        Set<String> extensions = new TreeSet<>();
        for (CatalogObject o : catalog.objects()) {
            o.dependsOn().stream().filter(d -> d.startsWith("role:")).forEach(d -> roles.add(d.substring(5)));
            if (o.kind().equals("extension")) {
                extensions.add(o.name());
            }
        }
        Set<String> missingRoles = absent(target, "SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ?", roles);
        out.add(missingRoles.isEmpty() ? Check.ok("target.roles", roles.size() + " roles named, all on the target")
                : new Check("target.roles", Check.Level.WARN, null, "roles " + String.join(", ", missingRoles)
                        + " are not on the target: what they own or are granted is left out (pgclone clone-roles first)"));
        Set<String> missingExt = absent(target, "SELECT 1 FROM pg_catalog.pg_available_extensions WHERE name = ?", extensions);
        out.add(missingExt.isEmpty() ? Check.ok("target.extensions", extensions.size() + " extensions available")
                : new Check("target.extensions", Check.Level.FAIL, null, "extensions " + String.join(", ", missingExt)
                        + " are not available on the target server (install them there first)"));
        Set<QualifiedName> created = new HashSet<>();
        catalog.objects().stream().filter(o -> o.kind().equals("collation"))
                .forEach(o -> created.add(new QualifiedName(o.schema(), o.name())));
        Set<String> collations = new TreeSet<>();
        for (TableDef t : catalog.tables()) {
            for (ColumnDef c : t.columns()) {
                if (c.collation() != null && !c.collation().isBlank()
                        && !created.contains(QualifiedName.parse(c.collation()))) { // the clone creates those
                    collations.add(c.collation());
                }
            }
        }
        Set<String> missingColl = absent(target, "SELECT 1 WHERE pg_catalog.to_regcollation(?) IS NOT NULL", collations);
        out.add(missingColl.isEmpty() ? Check.ok("target.collations", collations.size() + " collations found")
                : new Check("target.collations", Check.Level.FAIL, null, "collations " + String.join(", ", missingColl)
                        + " are not on the target (ICU or locales the target server lacks)"));
        return out;
    }

    private static boolean bool(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** The names for which {@code query} (one parameter) finds no row. */
    private static Set<String> absent(Connection c, String query, Set<String> names) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement(query)) {
            for (String n : names) {
                ps.setString(1, n);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        out.add(n);
                    }
                }
            }
        }
        return out;
    }
}
