package io.pgclone.core.roles;

import io.pgclone.core.sql.Identifiers;
import io.pgclone.core.sql.SqlErrors;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Clones roles from a source server to a target, as pgclone's clone_roles does and a careful DBA would: attributes,
 * connection limits, VALID UNTIL, per-role settings, memberships (with their admin, inherit and set options on 16+),
 * password hashes only when asked, and the roles' grants on schemas, tables, sequences and functions that exist on
 * both sides. Existing target roles are brought in line, never dropped; grants only add; a second run changes
 * nothing. Everything is applied in one transaction: all of it or nothing. What the target user may not do (make a
 * superuser without being one, create roles without CREATEROLE) is left out with one line each, never failed on.
 *
 * <p>Roles go from one server to the other directly, never through Kafka: their password hashes never sit in a topic.
 */
public final class RoleCloner {
    private static final Set<String> LIST_SETTINGS = Set.of("search_path", "temp_tablespaces",
            "session_preload_libraries", "shared_preload_libraries", "local_preload_libraries");

    private final Connection source;
    private final Connection target;

    /** {@code target} with autocommit off; {@code source} read-only is enough. */
    public RoleCloner(Connection source, Connection target) {
        this.source = source;
        this.target = target;
    }

    /** What a run did. */
    public record Summary(int created, int updated, int grants, List<String> skipped) {
        @Override
        public String toString() {
            return created + " roles created, " + updated + " roles updated, " + grants + " grants applied";
        }
    }

    /** Clones {@code names} (every non-system role when empty); {@code passwords} copies their hashes. */
    public Summary cloneRoles(Collection<String> names, boolean passwords) throws SQLException {
        RoleCatalog from = new RoleCatalog(source);
        RoleCatalog to = new RoleCatalog(target);
        Map<String, Role> wanted;
        try {
            wanted = from.roles(names, passwords);
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                throw new SQLException("copying password hashes reads pg_authid, which needs a superuser on the source",
                        e.getSQLState(), e);
            }
            throw e;
        }
        Set<String> missing = new HashSet<>(names);
        missing.removeAll(wanted.keySet());
        if (!missing.isEmpty()) {
            throw new SQLException("no role " + String.join(", ", missing) + " on the source (system roles and the"
                    + " bootstrap superuser are never cloned)");
        }
        boolean[] powers = to.powers();
        boolean superuser = powers[0];
        Map<String, Role> existing = to.roles(wanted.keySet(), passwords);
        List<String> skipped = new ArrayList<>();
        int created = 0;
        int updated = 0;
        int grants = 0;
        try (Statement st = target.createStatement()) {
            if (passwords && superuser) { // CREATE/ALTER ROLE ... PASSWORD would otherwise be logged as DDL
                st.execute("SET LOCAL log_statement = 'none'");
                st.execute("SET LOCAL log_min_duration_statement = -1");
            }
            for (Role r : wanted.values()) {
                Role want = fit(r, superuser, skipped);
                Role have = existing.get(r.name());
                if (have == null && !superuser && !powers[1]) {
                    skipped.add("role " + r.name() + ": not created (the target user has neither SUPERUSER nor CREATEROLE)");
                    continue;
                }
                if (have == null) {
                    st.execute("CREATE ROLE " + RoleCatalog.q(r.name()) + " WITH " + want.attributes() + password(want));
                    settings(st, want, null);
                    created++;
                } else if (!same(want, have, passwords)) {
                    st.execute("ALTER ROLE " + RoleCatalog.q(r.name()) + " WITH " + want.attributes() + password(want));
                    settings(st, want, have);
                    updated++;
                }
            }
            grants += memberships(from, to, st, wanted.keySet(), skipped);
            grants += privileges(from, to, st, wanted.keySet(), skipped);
            target.commit();
        } catch (SQLException e) {
            target.rollback();
            throw new SQLException("cloning roles failed, nothing was changed: " + SqlErrors.firstLine(e), e.getSQLState(), e);
        }
        return new Summary(created, updated, grants, skipped);
    }

    /** The role as this target user may create it: attributes only a superuser may give are left out, each said. */
    private static Role fit(Role r, boolean superuser, List<String> skipped) {
        if (superuser || !(r.superuser() || r.replication() || r.bypassRls())) {
            return r;
        }
        List<String> left = new ArrayList<>();
        if (r.superuser()) {
            left.add("SUPERUSER");
        }
        if (r.replication()) {
            left.add("REPLICATION");
        }
        if (r.bypassRls()) {
            left.add("BYPASSRLS");
        }
        skipped.add("role " + r.name() + ": " + String.join(", ", left) + " not given (the target user is not a superuser)");
        return new Role(r.name(), false, r.inherit(), r.createRole(), r.createDb(), r.login(), false, false,
                r.connLimit(), r.validUntil(), r.password(), r.settings(), r.dbSettings());
    }

    private static boolean same(Role a, Role b, boolean passwords) {
        return a.attributes().equals(b.attributes()) && a.settings().equals(b.settings())
                && a.dbSettings().equals(b.dbSettings()) && (!passwords || Objects.equals(a.password(), b.password()));
    }

    private static String password(Role r) {
        return r.password() == null ? "" : " PASSWORD " + Identifiers.literal(r.password());
    }

    /** Per-role settings: those the target has that the source does not are reset, the others set. */
    private void settings(Statement st, Role want, Role have) throws SQLException {
        String role = RoleCatalog.q(want.name());
        String db = Identifiers.quote(target.getCatalog());
        apply(st, "ALTER ROLE " + role, want.settings(), have == null ? List.of() : have.settings());
        apply(st, "ALTER ROLE " + role + " IN DATABASE " + db, want.dbSettings(), have == null ? List.of() : have.dbSettings());
    }

    private static void apply(Statement st, String head, List<String> want, List<String> have) throws SQLException {
        Set<String> wantNames = new HashSet<>();
        for (String s : want) {
            int eq = s.indexOf('=');
            String name = s.substring(0, eq);
            wantNames.add(name);
            if (!have.contains(s)) {
                st.execute(head + " SET " + Identifiers.quote(name) + " TO " + value(name, s.substring(eq + 1)));
            }
        }
        for (String s : have) {
            String name = s.substring(0, s.indexOf('='));
            if (!wantNames.contains(name)) {
                st.execute(head + " RESET " + Identifiers.quote(name));
            }
        }
    }

    /** A setting's value as pg_dumpall writes it: list settings element by element. */
    private static String value(String name, String v) {
        if (!LIST_SETTINGS.contains(name)) {
            return Identifiers.literal(v);
        }
        List<String> parts = new ArrayList<>();
        for (String p : v.split(",\\s*")) {
            parts.add(Identifiers.literal(p.startsWith("\"") && p.endsWith("\"") && p.length() > 1
                    ? p.substring(1, p.length() - 1).replace("\"\"", "\"") : p));
        }
        return String.join(", ", parts);
    }

    private int memberships(RoleCatalog from, RoleCatalog to, Statement st, Set<String> roles, List<String> skipped)
            throws SQLException {
        Set<Role.Membership> have = new HashSet<>(to.memberships(roles));
        Set<String> targetRoles = to.roles(List.of(), false).keySet();
        boolean options = to.major() >= 16;
        int n = 0;
        for (Role.Membership m : from.memberships(roles)) {
            Role.Membership want = options ? m : new Role.Membership(m.role(), m.member(), m.admin(), null, null);
            if (have.stream().anyMatch(h -> covers(h, want))) {
                continue;
            }
            if (!m.role().startsWith("pg_") && !targetRoles.contains(m.role())) {
                skipped.add("membership of " + m.member() + " in " + m.role() + ": role " + m.role() + " is not on the target");
                continue;
            }
            List<String> with = new ArrayList<>();
            if (m.admin()) {
                with.add("ADMIN OPTION");
            }
            if (options && m.inherit() != null) {
                with.add("INHERIT " + (m.inherit() ? "TRUE" : "FALSE"));
            }
            if (options && m.set() != null) {
                with.add("SET " + (m.set() ? "TRUE" : "FALSE"));
            }
            st.execute("GRANT " + RoleCatalog.q(m.role()) + " TO " + RoleCatalog.q(m.member())
                    + (with.isEmpty() ? "" : " WITH " + String.join(", ", with)));
            n++;
        }
        return n;
    }

    /** An existing membership that already is the wanted one (options the source does not have are not compared). */
    private static boolean covers(Role.Membership have, Role.Membership want) {
        return have.role().equals(want.role()) && have.member().equals(want.member()) && have.admin() == want.admin()
                && (want.inherit() == null || want.inherit().equals(have.inherit()))
                && (want.set() == null || want.set().equals(have.set()));
    }

    private int privileges(RoleCatalog from, RoleCatalog to, Statement st, Set<String> roles, List<String> skipped)
            throws SQLException {
        Set<Role.Grant> have = new HashSet<>(to.grants(roles));
        boolean maintain = to.major() >= 17;
        int absent = 0;
        int n = 0;
        for (Role.Grant g : from.grants(roles)) {
            if (have.contains(g)) {
                continue;
            }
            if (g.privilege().equals("MAINTAIN") && !maintain) {
                skipped.add("MAINTAIN on " + g.object() + " for " + g.grantee() + ": the target is older than PostgreSQL 17");
                continue;
            }
            if (!to.exists(g.kind(), g.object())) {
                absent++;
                continue;
            }
            st.execute(g.sql());
            n++;
        }
        if (absent > 0) {
            skipped.add(absent + " grants on objects the target does not have");
        }
        return n;
    }
}
