package io.pgclone.sink;

import io.pgclone.core.catalog.CatalogObject;
import io.pgclone.core.options.Conflict;
import io.pgclone.core.sql.Identifiers;
import io.pgclone.core.sql.QualifiedName;
import io.pgclone.core.sql.SqlRenamer;
import org.apache.kafka.connect.errors.ConnectException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What happens to objects of the clone that already exist on the target, as {@code conflict} says, touching only
 * what the clone was told to replace or move: {@code error} stops before anything changes, naming them; {@code skip}
 * leaves them (and what is built on them); {@code replace} drops them with a plain {@code DROP}, never
 * {@code CASCADE}, after checking on the target that nothing outside the clone depends on them (views, foreign keys,
 * columns of a type in other tables: named, and the clone stops); {@code rename} moves them to {@code <name>_old}
 * (within 63 bytes), their indexes and sequences too.
 *
 * <p>Tables, views, sequences and types are found by name before anything is created. Functions and procedures are
 * found by the server itself: each is created without {@code OR REPLACE}, so one with the same signature makes
 * {@code CREATE} fail (never replace silently), and the failure, inside a savepoint, is handled as a conflict.
 * Everything runs in the caller's pre-data transaction, so a refusal leaves the target as it was.
 */
final class ConflictResolver {
    private static final Set<String> RELATION_KINDS = Set.of("table", "view", "matview", "sequence");
    private static final String DUPLICATE_FUNCTION = "42723";

    private final Connection conn;
    private final Conflict conflict;
    private final SqlRenamer renamer;
    private final List<String> warnings;
    private final Set<String> skipped;
    private final List<String> conflicts = new ArrayList<>();

    ConflictResolver(Connection conn, Conflict conflict, SqlRenamer renamer, List<String> warnings, Set<String> skipped) {
        this.conn = conn;
        this.conflict = conflict;
        this.renamer = renamer;
        this.warnings = warnings;
        this.skipped = skipped;
    }

    /** An existing object on the target: what kind ({@code pg_class.relkind}, or "t" for a type) and which. */
    private record Existing(CatalogObject object, QualifiedName name, String relkind, TargetDependents.Ref ref) {
    }

    /** Tables, views, sequences and types that exist on the target already, handled before anything is created. */
    void resolveRelationsAndTypes(List<CatalogObject> objects) throws SQLException {
        List<Existing> existing = new ArrayList<>();
        for (CatalogObject o : objects) {
            if ((RELATION_KINDS.contains(o.kind()) || o.kind().equals("type")) && o.schema() != null) {
                Existing e = find(o, renamer.rename(new QualifiedName(o.schema(), o.name())));
                if (e != null) {
                    existing.add(e);
                }
            }
        }
        if (existing.isEmpty()) {
            return;
        }
        switch (conflict) {
            case SKIP -> existing.forEach(e -> {
                skipped.add(e.object().identity());
                warnings.add(e.name() + " already exists on the target: left as it is (conflict=skip)");
            });
            case REPLACE -> replace(existing);
            case RENAME -> {
                for (Existing e : existing) {
                    moveAside(e);
                }
            }
            case ERROR -> throw new ConnectException("already on the target: " + String.join(", ",
                    existing.stream().map(e -> e.object().kind() + " " + e.name()).toList()) + "; nothing was changed"
                    + " (conflict=error; choose conflict=skip, replace or rename to clone anyway)");
        }
    }

    /**
     * Creates a function or procedure ({@code statement} as the catalog rendered it, with {@code OR REPLACE});
     * false when it is left out (an existing one under conflict=skip, or =error, which {@link #finish} reports).
     */
    boolean createRoutine(CatalogObject o, String statement) throws SQLException {
        String plain = FunctionHead.withoutOrReplace(statement);
        Savepoint sp = conn.setSavepoint();
        try {
            SingleStatement.execute(conn, plain);
            conn.releaseSavepoint(sp);
            return true;
        } catch (SQLException e) {
            conn.rollback(sp);
            if (!DUPLICATE_FUNCTION.equals(e.getSQLState())) {
                throw e;
            }
        }
        QualifiedName target = renamer.rename(new QualifiedName(o.schema(), o.name()));
        String what = o.kind() + " " + o.identity().substring(o.identity().indexOf(':') + 1);
        switch (conflict) {
            case SKIP -> {
                warnings.add(what + " already exists on the target: left as it is (conflict=skip)");
                return false;
            }
            case REPLACE -> {
                replaceRoutine(o, statement, plain, target, what);
                return true;
            }
            case RENAME -> {
                String existing = existingRoutine(plain, target);
                String old = Identifiers.fitted(target.name(), "_old");
                SingleStatement.execute(conn, "ALTER ROUTINE " + existing + " RENAME TO " + Identifiers.quote(old));
                SingleStatement.execute(conn, plain);
                warnings.add(what + " existed on the target and was renamed to " + old + " (conflict=rename)");
                return true;
            }
            default -> { // ERROR: reported by finish()
                conflicts.add(what);
                return false;
            }
        }
    }

    /**
     * Replaces in place ({@code CREATE OR REPLACE}: what depends on it keeps working) when the server allows it;
     * when it does not (another return type or parameter names), drops the old one with a plain DROP once nothing
     * outside the clone depends on it, else stops naming the dependents.
     */
    private void replaceRoutine(CatalogObject o, String statement, String plain, QualifiedName target, String what)
            throws SQLException {
        Savepoint sp = conn.setSavepoint();
        try {
            SingleStatement.execute(conn, statement);
            conn.releaseSavepoint(sp);
            warnings.add(what + " existed on the target and was replaced (conflict=replace)");
            return;
        } catch (SQLException e) {
            conn.rollback(sp);
            if (!"42P13".equals(e.getSQLState())) { // invalid_function_definition: cannot be replaced in place
                throw e;
            }
        }
        String existing = existingRoutine(plain, target);
        long oid;
        try (PreparedStatement ps = conn.prepareStatement("SELECT ?::regprocedure::oid")) {
            ps.setString(1, existing);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                oid = rs.getLong(1);
            }
        }
        List<String> outside = TargetDependents.outside(conn, List.of(new TargetDependents.Ref("pg_proc", oid)));
        if (!outside.isEmpty()) {
            throw new ConnectException("conflict=replace would drop " + what + " (it cannot be replaced in place), but"
                    + " objects outside the clone depend on it: " + String.join(", ", outside) + "; nothing was changed");
        }
        SingleStatement.execute(conn, "DROP ROUTINE " + existing);
        SingleStatement.execute(conn, plain);
        warnings.add(what + " existed on the target and was dropped and created again (conflict=replace)");
    }

    /** Stops the clone when conflict=error found functions or procedures that exist already. */
    void finish() {
        if (!conflicts.isEmpty()) {
            throw new ConnectException("already on the target: " + String.join(", ", conflicts) + "; nothing was"
                    + " changed (conflict=error; choose conflict=skip, replace or rename to clone anyway)");
        }
    }

    /**
     * The signature of the target's routine that the clone's one collides with: the new one is created under a
     * passing name inside a savepoint, to read its argument types as the server resolved them, then rolled back.
     */
    private String existingRoutine(String plain, QualifiedName target) throws SQLException {
        String probe = "pgclone_probe_" + Long.toHexString(System.nanoTime());
        Savepoint sp = conn.setSavepoint();
        try {
            SingleStatement.execute(conn, FunctionHead.renamed(plain, Identifiers.qualified(target.schema(), probe)));
            try (PreparedStatement ps = conn.prepareStatement("SELECT p.oid::regprocedure::text FROM pg_proc p"
                    + " JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ? AND p.proname = ?"
                    + " AND p.proargtypes = (SELECT q.proargtypes FROM pg_proc q WHERE q.pronamespace = p.pronamespace"
                    + "   AND q.proname = ?)")) {
                ps.setString(1, target.schema());
                ps.setString(2, target.name());
                ps.setString(3, probe);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new ConnectException("cannot tell which routine " + target + " on the target has the"
                                + " clone's signature; nothing was changed");
                    }
                    return rs.getString(1);
                }
            }
        } finally {
            conn.rollback(sp);
        }
    }

    private Existing find(CatalogObject o, QualifiedName n) throws SQLException {
        boolean type = o.kind().equals("type");
        String sql = type ? "SELECT 't', t.oid FROM pg_type t JOIN pg_namespace s ON s.oid = t.typnamespace"
                + " WHERE s.nspname = ? AND t.typname = ?" : "SELECT c.relkind::text, c.oid FROM pg_class c"
                + " JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = ? AND c.relname = ?"
                + " AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')";
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setString(1, n.schema());
            ps.setString(2, n.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new Existing(o, n, rs.getString(1), new TargetDependents.Ref(type ? "pg_type" : "pg_class",
                        rs.getLong(2)));
            }
        }
    }

    /** Drops what the clone replaces, once nothing outside it depends on any of it. */
    private void replace(List<Existing> existing) throws SQLException {
        List<TargetDependents.Ref> refs = existing.stream().map(Existing::ref).toList();
        List<String> outside = TargetDependents.outside(conn, refs);
        if (!outside.isEmpty()) {
            throw new ConnectException("conflict=replace would drop " + String.join(", ",
                    existing.stream().map(e -> e.object().kind() + " " + e.name()).toList()) + ", but objects outside"
                    + " the clone depend on them: " + String.join(", ", outside) + "; nothing was changed (drop or"
                    + " change those first, or choose conflict=rename)");
        }
        for (TargetDependents.Ref r : TargetDependents.dropOrder(conn, refs)) {
            Existing e = existing.stream().filter(x -> x.ref().equals(r)).findFirst().orElseThrow();
            // IF EXISTS: an owned sequence may have gone with its table already
            SingleStatement.execute(conn, "DROP " + word(e.relkind()) + " IF EXISTS " + e.name().sql());
            warnings.add(e.name() + " existed on the target and was dropped (conflict=replace)");
        }
    }

    /** Moves an existing object to {@code <name>_old}, its indexes and owned sequences too, so names stay free. */
    private void moveAside(Existing e) throws SQLException {
        QualifiedName n = e.name();
        List<String[]> moves = new ArrayList<>(); // {kind word, current name, new name}
        if (e.relkind().equals("r") || e.relkind().equals("p") || e.relkind().equals("m")) {
            try (PreparedStatement ps = conn.prepareStatement("SELECT i.relname, 'INDEX' FROM pg_index x"
                    + " JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = ? UNION ALL"
                    + " SELECT s.relname, 'SEQUENCE' FROM pg_depend d JOIN pg_class s ON s.oid = d.objid"
                    + " WHERE d.refobjid = ? AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')"
                    + " AND s.relkind = 'S' ORDER BY 1")) {
                ps.setLong(1, e.ref().oid());
                ps.setLong(2, e.ref().oid());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        moves.add(new String[] {rs.getString(2), rs.getString(1), Identifiers.fitted(rs.getString(1), "_old")});
                    }
                }
            }
        }
        moves.add(new String[] {word(e.relkind()), n.name(), Identifiers.fitted(n.name(), "_old")});
        for (String[] m : moves) {
            QualifiedName aside = new QualifiedName(n.schema(), m[2]);
            if (taken(aside, e.relkind().equals("t") && m == moves.get(moves.size() - 1))) {
                throw new ConnectException(new QualifiedName(n.schema(), m[1]) + " exists on the target and so does "
                        + aside + ": conflict=rename cannot move it aside; nothing was changed");
            }
        }
        for (String[] m : moves) {
            SingleStatement.execute(conn, "ALTER " + m[0] + " " + Identifiers.qualified(n.schema(), m[1]) + " RENAME TO "
                    + Identifiers.quote(m[2]));
        }
        warnings.add(n + " existed on the target and was renamed to " + moves.get(moves.size() - 1)[2]
                + " (conflict=rename)");
    }

    private boolean taken(QualifiedName n, boolean type) throws SQLException {
        String sql = type ? "SELECT 1 FROM pg_type t JOIN pg_namespace s ON s.oid = t.typnamespace WHERE s.nspname = ?"
                + " AND t.typname = ?" : "SELECT 1 FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace"
                + " WHERE s.nspname = ? AND c.relname = ?";
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setString(1, n.schema());
            ps.setString(2, n.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String word(String relkind) {
        return switch (relkind) {
            case "v" -> "VIEW";
            case "m" -> "MATERIALIZED VIEW";
            case "S" -> "SEQUENCE";
            case "t" -> "TYPE";
            case "f" -> "FOREIGN TABLE";
            default -> "TABLE";
        };
    }
}
