package io.pgclone.sink;

import io.pgclone.core.catalog.TableDdl;
import io.pgclone.core.catalog.TableDef;
import io.pgclone.core.protocol.CatalogObject;
import io.pgclone.core.protocol.CloneOptions;
import io.pgclone.core.protocol.Manifest;
import io.pgclone.core.sql.Identifiers;
import io.pgclone.core.sql.QualifiedName;
import io.pgclone.core.sql.SqlRenamer;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates a clone's pre-data on the target in one transaction (the caller's), in the order the source sent it, with
 * renames applied, the conflict strategy for objects that already exist, and objects needing roles the target lacks
 * left out with a warning. Registers the tables and queues the post-data in {@code pgclone.post_data}. Any failing
 * statement stops everything with the object and its SQL; the transaction then leaves nothing behind.
 */
final class PreData {
    private static final Logger log = LoggerFactory.getLogger(PreData.class);
    private static final Pattern INDEX_HEAD = Pattern.compile("^CREATE (UNIQUE )?INDEX (\"(?:[^\"]|\"\")+\"|\\S+) ON ");
    private static final Set<String> RELATION_KINDS = Set.of("table", "view", "matview", "sequence");

    private final Connection conn;
    private final Manifest manifest;
    private final List<CatalogObject> objects;
    private final CloneOptions options;
    private final SqlRenamer renamer;
    private final List<String> warnings = new ArrayList<>();
    /** Identities left out: skipped on conflict, or needing a missing role. */
    private final Set<String> skipped = new HashSet<>();

    PreData(Connection conn, Manifest manifest, List<CatalogObject> objects) {
        this.conn = conn;
        this.manifest = manifest;
        this.objects = objects;
        this.options = manifest.options() == null ? CloneOptions.defaults() : manifest.options();
        this.renamer = options.renamer();
        warnings.addAll(manifest.warnings() == null ? List.of() : manifest.warnings());
    }

    List<String> warnings() {
        return warnings;
    }

    void apply() throws SQLException {
        checkExtensions();
        Set<String> missingRoles = missingRoles();
        resolveConflicts();
        try (Statement st = conn.createStatement()) {
            st.execute("SET LOCAL check_function_bodies = off"); // as pg_dump: SQL functions may read tables created later
            for (CatalogObject o : objects) {
                if (o.isPostData() || skipped.contains(o.identity())) {
                    continue;
                }
                if (dependsOnSkipped(o)) { // built on something left as it was: left out too, and what builds on it
                    skipped.add(o.identity());
                    if (!o.kind().equals("owner") && !o.kind().equals("grant") && !o.kind().equals("comment")) {
                        warnings.add(o.kind() + " " + describe(o) + " is left out: it depends on an object left as it"
                                + " was on the target");
                    }
                    continue;
                }
                List<String> lacking = o.dependsOn().stream().filter(d -> d.startsWith("role:"))
                        .map(d -> d.substring(5)).filter(missingRoles::contains).toList();
                if (!lacking.isEmpty()) {
                    warnings.add(o.kind() + " " + o.identity().substring(o.identity().indexOf(':') + 1) + " is left out:"
                            + " role " + String.join(", ", lacking) + " does not exist on the target");
                    skipped.add(o.identity());
                    continue;
                }
                String sql = render(o);
                if (sql.isBlank()) {
                    continue;
                }
                try {
                    st.execute(sql);
                } catch (SQLException e) {
                    throw new ConnectException("cannot create " + o.kind() + " " + describe(o) + " on the target: "
                            + e.getMessage() + "\nSQL: " + sql, e);
                }
            }
        }
        registerTables();
        queuePostData(missingRoles);
    }

    private String render(CatalogObject o) throws SQLException {
        if (o.kind().equals("grant") && io.pgclone.core.conn.PgConnections.majorVersion(conn) < 17) {
            return renamer.apply(io.pgclone.core.sql.Privileges.withoutMaintain(o.sql())); // MAINTAIN is new in 17
        }
        if (o.table() != null) {
            TableDef t = o.table();
            return TableDdl.create(t, renamer.rename(t.name()), null, renamer::apply, renamer::rename);
        }
        return renamer.apply(o.sql());
    }

    private static String describe(CatalogObject o) {
        return o.identity().substring(o.identity().indexOf(':') + 1);
    }

    private boolean dependsOnSkipped(CatalogObject o) {
        return o.dependsOn().stream().anyMatch(skipped::contains) && !o.kind().equals("schema");
    }

    /** Every extension must be installable on the target: checked before anything is created. */
    private void checkExtensions() throws SQLException {
        List<String> missing = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT 1 FROM pg_available_extensions WHERE name = ?")) {
            for (CatalogObject o : objects) {
                if (o.kind().equals("extension")) {
                    ps.setString(1, o.name());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            missing.add(o.name());
                        }
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new ConnectException("extension(s) " + String.join(", ", missing) + " are not available on the target"
                    + " server: install them there first; nothing was changed");
        }
    }

    private Set<String> missingRoles() throws SQLException {
        Set<String> roles = new HashSet<>();
        objects.forEach(o -> o.dependsOn().stream().filter(d -> d.startsWith("role:")).forEach(d -> roles.add(d.substring(5))));
        Set<String> missing = new HashSet<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            for (String r : roles) {
                ps.setString(1, r);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        missing.add(r);
                    }
                }
            }
        }
        return missing;
    }

    /** Tables, views, sequences and types that already exist on the target, handled as {@code conflict} says. */
    private void resolveConflicts() throws SQLException {
        List<String> existing = new ArrayList<>();
        for (CatalogObject o : objects) {
            if (!RELATION_KINDS.contains(o.kind()) && !o.kind().equals("type")) {
                continue;
            }
            QualifiedName target = renamer.rename(new QualifiedName(o.schema(), o.name()));
            String present = existingKind(target, o.kind().equals("type"));
            if (present == null) {
                continue;
            }
            switch (options.conflict()) {
                case "skip" -> {
                    skipped.add(o.identity());
                    warnings.add(describe(o) + " already exists on the target: left as it is (conflict=skip)");
                }
                case "replace" -> drop(target, present);
                case "rename" -> moveAside(target, present);
                default -> existing.add(o.kind() + " " + target);
            }
        }
        if (!existing.isEmpty()) {
            throw new ConnectException("already on the target: " + String.join(", ", existing) + "; nothing was changed"
                    + " (conflict=error; choose conflict=skip, replace or rename to clone anyway)");
        }
    }

    /** The kind of object with this name on the target ("r", "v", "m", "S", "p" for relations, "t" for types), or null. */
    private String existingKind(QualifiedName n, boolean type) throws SQLException {
        String sql = type ? "SELECT 't' FROM pg_type t JOIN pg_namespace s ON s.oid = t.typnamespace WHERE s.nspname = ?"
                + " AND t.typname = ?" : "SELECT c.relkind::text FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace"
                + " WHERE s.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')";
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setString(1, n.schema());
            ps.setString(2, n.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
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

    private void drop(QualifiedName n, String relkind) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("DROP " + word(relkind) + " " + n.sql() + " CASCADE");
        }
        warnings.add(n + " existed on the target and was dropped (conflict=replace)");
    }

    /** Moves an existing object to {@code <name>_old}, its indexes and owned sequences too, so names stay free. */
    private void moveAside(QualifiedName n, String relkind) throws SQLException {
        String old = n.name() + "_old";
        if (existingKind(new QualifiedName(n.schema(), old), relkind.equals("t")) != null) {
            throw new ConnectException(n + " exists on the target and so does " + old + ": conflict=rename cannot move"
                    + " it aside; nothing was changed");
        }
        try (Statement st = conn.createStatement()) {
            if (relkind.equals("r") || relkind.equals("p") || relkind.equals("m")) {
                for (String[] idx : related(n, "SELECT i.relname, 'INDEX' FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
                        + " WHERE x.indrelid = to_regclass(?) UNION ALL SELECT s.relname, 'SEQUENCE' FROM pg_depend d"
                        + " JOIN pg_class s ON s.oid = d.objid WHERE d.refobjid = to_regclass(?) AND d.deptype IN ('a', 'i')"
                        + " AND s.relkind = 'S'")) {
                    st.execute("ALTER " + idx[1] + " " + Identifiers.qualified(n.schema(), idx[0]) + " RENAME TO "
                            + Identifiers.quote(idx[0] + "_old"));
                }
            }
            st.execute("ALTER " + word(relkind) + " " + n.sql() + " RENAME TO " + Identifiers.quote(old));
        }
        warnings.add(n + " existed on the target and was renamed to " + old + " (conflict=rename)");
    }

    private List<String[]> related(QualifiedName n, String sql) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setString(1, n.sql());
            ps.setString(2, n.sql());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        return out;
    }

    /** pgclone.tables: where each topic's rows go, and how many chunks to expect. */
    private void registerTables() throws SQLException {
        Map<String, TableDef> defs = new HashMap<>();
        objects.stream().filter(o -> o.table() != null).forEach(o -> defs.put(o.identity(), o.table()));
        try (PreparedStatement reg = conn.prepareStatement("INSERT INTO pgclone.tables (clone_id, topic, source_schema,"
                + " source_name, target_schema, target_name, chunks_total, row_estimate, status, definition, skipped)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)")) {
            for (Manifest.TableEntry e : manifest.tables()) {
                String id = "table:" + e.schema() + "." + e.name();
                TableDef def = defs.get(id);
                if (def == null) {
                    throw new ConnectException("clone " + manifest.cloneId() + ": the catalog lacks table " + e.displayName());
                }
                boolean skip = skipped.contains(id);
                QualifiedName target = renamer.rename(def.name());
                reg.setString(1, manifest.cloneId());
                reg.setString(2, e.topic());
                reg.setString(3, e.schema());
                reg.setString(4, e.name());
                reg.setString(5, target.schema());
                reg.setString(6, target.name());
                reg.setInt(7, skip ? 0 : e.chunks());
                reg.setLong(8, e.rowEstimate());
                reg.setString(9, skip ? "done" : "loading");
                reg.setString(10, io.pgclone.core.protocol.ControlMessage.JSON.writeValueAsString(CatalogObject.table(def)));
                reg.setBoolean(11, skip);
                reg.addBatch();
            }
            reg.executeBatch();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConnectException("cannot encode a table definition", e);
        }
    }

    private void queuePostData(Set<String> missingRoles) throws SQLException {
        Map<String, String> topicOf = new LinkedHashMap<>();
        manifest.tables().forEach(e -> topicOf.put("table:" + e.schema() + "." + e.name(), e.topic()));
        List<String> allTopics = new ArrayList<>(topicOf.values());
        int seq = 0;
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO pgclone.post_data (clone_id, seq, identity, kind,"
                + " sql, depends_on, needs_topics) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (CatalogObject o : objects) {
                if (!o.isPostData()) {
                    continue;
                }
                boolean needsSkipped = o.needsTables().stream().anyMatch(skipped::contains)
                        || o.dependsOn().stream().anyMatch(skipped::contains);
                List<String> lacking = o.dependsOn().stream().filter(d -> d.startsWith("role:"))
                        .map(d -> d.substring(5)).filter(missingRoles::contains).toList();
                if (needsSkipped || !lacking.isEmpty()) {
                    if (!lacking.isEmpty()) {
                        warnings.add(o.kind() + " " + describe(o) + " is left out: role " + String.join(", ", lacking)
                                + " does not exist on the target");
                    }
                    skipped.add(o.identity());
                    continue;
                }
                List<String> needs = o.kind().equals("refresh") ? allTopics
                        : o.needsTables().stream().map(topicOf::get).filter(java.util.Objects::nonNull).toList();
                ps.setString(1, manifest.cloneId());
                ps.setInt(2, ++seq);
                ps.setString(3, o.identity());
                ps.setString(4, o.kind());
                ps.setString(5, renameIndex(o, renamer.apply(o.sql())));
                ps.setArray(6, conn.createArrayOf("text", o.dependsOn().toArray()));
                ps.setArray(7, conn.createArrayOf("text", needs.toArray()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        log.info("Clone {}: {} post-data objects queued", manifest.cloneId(), seq);
    }

    /**
     * An index of a table cloned under a new name in the same schema would collide with the original's name:
     * {@code orders_at_idx} of {@code orders} cloned as {@code orders2} becomes {@code orders2_at_idx}.
     */
    private String renameIndex(CatalogObject o, String sql) {
        if (!o.kind().equals("index") || options.tables().isEmpty()) {
            return sql;
        }
        for (Map.Entry<String, String> e : options.tables().entrySet()) {
            String from = e.getKey().substring(e.getKey().indexOf('.') + 1);
            String to = e.getValue().substring(e.getValue().indexOf('.') + 1);
            if (o.name().startsWith(from) && sql.contains(" ON ")) {
                Matcher m = INDEX_HEAD.matcher(sql);
                if (m.find()) {
                    String newName = to + o.name().substring(from.length());
                    return "CREATE " + (m.group(1) == null ? "" : m.group(1)) + "INDEX " + Identifiers.quote(newName)
                            + " ON " + sql.substring(m.end());
                }
            }
        }
        return sql;
    }
}
