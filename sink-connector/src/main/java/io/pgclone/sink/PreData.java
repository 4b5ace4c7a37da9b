package io.pgclone.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.pgclone.core.catalog.CatalogObject;
import io.pgclone.core.catalog.TableDdl;
import io.pgclone.core.catalog.TableDef;
import io.pgclone.core.conn.PgConnections;
import io.pgclone.core.protocol.ControlMessage;
import io.pgclone.core.protocol.Manifest;
import io.pgclone.core.sql.Identifiers;
import io.pgclone.core.sql.Privileges;
import io.pgclone.core.sql.QualifiedName;
import io.pgclone.core.sql.SqlRenamer;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates a clone's pre-data on the target in one transaction (the caller's), in the order the source sent it. First
 * everything is rendered for the target (renames applied; a rename that cannot be done safely stops the clone, naming
 * the object), then existing objects are handled as {@code conflict} says ({@link ConflictResolver}), then the names
 * the clone's indexes and keys will take are checked free, and only then is anything created. Objects needing roles
 * the target lacks are left out with a warning. Registers the tables (with the OID of each table it created) and
 * queues the post-data in {@code pgclone.post_data}. Every statement runs through {@link SingleStatement}; any
 * failure stops everything with the object and its SQL, and the transaction then leaves nothing behind.
 */
final class PreData {
    private static final Logger log = LoggerFactory.getLogger(PreData.class);
    private static final Pattern INDEX_HEAD = Pattern.compile("^CREATE (UNIQUE )?INDEX (\"(?:[^\"]|\"\")+\"|\\S+) ON ");
    private static final Pattern CONSTRAINT_HEAD = Pattern.compile(" ADD CONSTRAINT (\"(?:[^\"]|\"\")+\"|\\S+) ");
    private static final Pattern CONSTRAINT_COMMENT = Pattern.compile("^COMMENT ON CONSTRAINT (\"(?:[^\"]|\"\")+\"|\\S+) ON ");

    private final Connection conn;
    private final Manifest manifest;
    private final List<CatalogObject> objects;
    private final TargetOptions options;
    private final DependentNames dependents;
    private final SqlRenamer renamer;
    private final List<String> warnings = new ArrayList<>();
    /** Identities left out: skipped on conflict, or needing a missing role. */
    private final Set<String> skipped = new HashSet<>();
    /** Each object's statements as they run on the target. */
    private final Map<String, List<String>> rendered = new HashMap<>();

    PreData(Connection conn, Manifest manifest, List<CatalogObject> objects, TargetOptions options) {
        this.conn = conn;
        this.manifest = manifest;
        this.objects = objects;
        this.options = options;
        SqlRenamer base = options.renamer();
        this.dependents = DependentNames.of(objects, options.tableRenames(), base);
        this.renamer = base.withRelations(dependents.relations());
        warnings.addAll(manifest.warnings() == null ? List.of() : manifest.warnings());
    }

    List<String> warnings() {
        return warnings;
    }

    void apply() throws SQLException {
        checkExtensions();
        renderAll();
        Set<String> missingRoles = missingRoles();
        ConflictResolver conflicts = new ConflictResolver(conn, options.conflict(), renamer, warnings, skipped);
        conflicts.resolveRelationsAndTypes(objects);
        checkIndexNamesFree();
        // as pg_dump: SQL functions may read tables created later
        SingleStatement.execute(conn, "SET LOCAL check_function_bodies = off");
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
                warnings.add(o.kind() + " " + describe(o) + " is left out: role " + String.join(", ", lacking)
                        + " does not exist on the target");
                skipped.add(o.identity());
                continue;
            }
            create(o, conflicts);
        }
        conflicts.finish();
        registerTables();
        queuePostData(missingRoles);
    }

    private void create(CatalogObject o, ConflictResolver conflicts) {
        String current = null;
        try {
            List<String> statements = rendered.get(o.identity());
            if (o.kind().equals("function") && statements.size() == 1) { // functions and procedures
                current = statements.get(0);
                if (!conflicts.createRoutine(o, current)) {
                    skipped.add(o.identity());
                }
                return;
            }
            for (String sql : statements) {
                current = sql;
                SingleStatement.execute(conn, sql);
            }
        } catch (SQLException e) {
            throw new ConnectException("cannot create " + o.kind() + " " + describe(o) + " on the target: "
                    + e.getMessage() + "\nSQL: " + current, e);
        }
    }

    /**
     * Renders every object's statements for the target before anything runs, so a rename that cannot be done
     * safely, or a name the server would truncate, stops the clone while the target is as it was.
     */
    private void renderAll() throws SQLException {
        int major = PgConnections.majorVersion(conn);
        for (CatalogObject o : objects) {
            try {
                rendered.put(o.identity(), render(o, major));
            } catch (SqlRenamer.Refused e) {
                throw new ConnectException("cannot rename " + o.kind() + " " + describe(o) + " for the target: "
                        + e.getMessage() + "; nothing was changed (rename.schemas / rename.tables)");
            }
        }
        for (Map.Entry<QualifiedName, QualifiedName> e : options.tableRenames().entrySet()) {
            if (!Identifiers.fits(e.getValue().name()) || !Identifiers.fits(e.getValue().schema())) {
                throw new ConnectException("rename.tables: " + e.getValue() + " is longer than "
                        + Identifiers.MAX_NAME_BYTES + " bytes, which PostgreSQL would truncate; nothing was changed");
            }
        }
    }

    private List<String> render(CatalogObject o, int major) {
        if (o.table() != null) {
            TableDef t = o.table();
            return List.of(TableDdl.create(t, renamer.rename(t.name()), null, renamer::apply, renamer::rename));
        }
        List<String> statements = o.kind().equals("grant") && major < 17
                ? Privileges.withoutMaintain(o.statements()) : o.statements(); // MAINTAIN is new in 17
        List<String> out = new ArrayList<>();
        for (String sql : statements) {
            out.add(ownName(o, renamer.apply(sql)));
        }
        return out;
    }

    /** The object's own unqualified name in its statement, when it gets one of its own ({@link DependentNames}). */
    private String ownName(CatalogObject o, String sql) {
        String identity = o.kind().equals("comment") && !o.dependsOn().isEmpty() ? o.dependsOn().get(0) : o.identity();
        String name = dependents.nameOf(identity);
        if (name == null) {
            return sql;
        }
        Pattern head = switch (o.kind()) {
            case "index" -> INDEX_HEAD;
            case "constraint" -> CONSTRAINT_HEAD;
            case "comment" -> identity.startsWith("constraint:") ? CONSTRAINT_COMMENT : null;
            default -> null;
        };
        Matcher m = head == null ? null : head.matcher(sql);
        if (m == null || !m.find()) {
            return sql;
        }
        int group = head == INDEX_HEAD ? 2 : 1;
        return sql.substring(0, m.start(group)) + Identifiers.quote(name) + sql.substring(m.end(group));
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

    /**
     * The indexes the post-data will build (plain ones, and those of primary keys, unique and exclusion constraints)
     * need names no relation of their schema has: checked now, after conflicts are resolved, so a clone never fails
     * after its rows are loaded because a name is taken ({@code relation "t_pkey" already exists}).
     */
    private void checkIndexNamesFree() throws SQLException {
        List<String> taken = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT 1 FROM pg_class c JOIN pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
            for (CatalogObject o : objects) {
                boolean index = o.kind().equals("index") || DependentNames.isIndexBacked(o);
                if (!index || o.dependsOn().isEmpty() || skipped.contains(o.dependsOn().get(0))) {
                    continue;
                }
                QualifiedName table = tableOf(o.dependsOn().get(0));
                if (table == null) {
                    continue;
                }
                String own = dependents.nameOf(o.identity());
                QualifiedName name = new QualifiedName(table.schema(), own != null ? own : o.name());
                ps.setString(1, name.schema());
                ps.setString(2, name.name());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        taken.add(o.kind() + " " + name + " (of " + table + ")");
                    }
                }
            }
        }
        if (!taken.isEmpty()) {
            throw new ConnectException("the clone's " + String.join(", ", taken) + " would take the name of a relation"
                    + " that already exists on the target; nothing was changed (rename the table with rename.tables"
                    + " so its indexes get names of their own, or drop or rename the existing relation)");
        }
    }

    /** The target name of a clone's table or matview from its identity, or null. */
    private QualifiedName tableOf(String identity) {
        for (CatalogObject o : objects) {
            if (o.identity().equals(identity) && o.schema() != null) {
                return renamer.rename(new QualifiedName(o.schema(), o.name()));
            }
        }
        return null;
    }

    /** pgclone.tables: where each topic's rows go, how many chunks to expect, and the table the clone created. */
    private void registerTables() throws SQLException {
        Map<String, TableDef> defs = new HashMap<>();
        objects.stream().filter(o -> o.table() != null).forEach(o -> defs.put(o.identity(), o.table()));
        List<StateStore.Registration> registrations = new ArrayList<>();
        try {
            for (Manifest.TableEntry e : manifest.tables()) {
                String id = "table:" + e.schema() + "." + e.name();
                TableDef def = defs.get(id);
                if (def == null) {
                    throw new ConnectException("clone " + manifest.cloneId() + ": the catalog lacks table " + e.displayName());
                }
                registrations.add(new StateStore.Registration(e.topic(), e.schema(), e.name(), renamer.rename(def.name()),
                        e.chunks(), e.rowEstimate(), ControlMessage.JSON.writeValueAsString(CatalogObject.table(def)),
                        skipped.contains(id)));
            }
        } catch (JsonProcessingException e) {
            throw new ConnectException("cannot encode a table definition", e);
        }
        StateStore.registerTables(conn, manifest.cloneId(), registrations);
    }

    private void queuePostData(Set<String> missingRoles) throws SQLException {
        Map<String, String> topicOf = new LinkedHashMap<>();
        manifest.tables().forEach(e -> topicOf.put("table:" + e.schema() + "." + e.name(), e.topic()));
        List<String> allTopics = new ArrayList<>(topicOf.values());
        List<PostDataQueue.Item> items = new ArrayList<>();
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
            List<String> statements = rendered.get(o.identity());
            if (statements.isEmpty()) {
                continue;
            }
            List<String> needs = o.kind().equals("refresh") ? allTopics
                    : o.needsTables().stream().map(topicOf::get).filter(Objects::nonNull).toList();
            items.add(new PostDataQueue.Item(o.identity(), o.kind(), statements, o.dependsOn(), needs));
        }
        PostDataQueue.enqueue(conn, manifest.cloneId(), items);
        log.info("Clone {}: {} post-data objects queued", manifest.cloneId(), items.size());
    }
}
