package io.pgclone.core.catalog;


import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import static io.pgclone.core.catalog.CatalogSql.PG_CLASS;
import static io.pgclone.core.catalog.CatalogSql.PG_CONSTRAINT;
import static io.pgclone.core.catalog.CatalogSql.qualified;
import static io.pgclone.core.sql.Identifiers.quote;

/**
 * What is created on the clone's tables once their rows are loaded: constraints, indexes, triggers, policies,
 * extended statistics, table properties, rules and ANALYZE, each needing its table (every partition of a
 * partitioned one) loaded first.
 */
final class PostDataObjects extends CatalogPart {
    private final Map<Long, String> relationIdentity;
    private final Set<Long> matviews;
    /** Partitioned tables and their partitions, for post-data that cascades to every partition. */
    private final Map<Long, List<Long>> partitions = new HashMap<>();

    private record Constraint(OnTable on, char type, String def, long rel, long referenced, long index,
                              String comment) {
        String id() {
            return on.id("constraint");
        }

        String sql() {
            return "ALTER TABLE " + on.q() + " ADD CONSTRAINT " + quote(on.name()) + " " + def;
        }
    }

    /** An object on a table (constraint, trigger, policy, rule), from its row's first columns: OID, schema, table, name. */
    private record OnTable(long oid, String schema, String table, String name) {
        String q() {
            return qualified(schema, table);
        }

        String id(String kind) {
            return kind + ":" + schema + "." + table + "." + name;
        }

        String what(String word) {
            return word + " " + quote(name) + " ON " + q();
        }

        /** The statement that gives it the enabled state of {@code code} (pg_trigger, pg_rewrite); null if enabled. */
        String enabledState(String code, String word) {
            String state = switch (code) {
                case "D" -> "DISABLE ";
                case "R" -> "ENABLE REPLICA ";
                case "A" -> "ENABLE ALWAYS ";
                default -> null;
            };
            return state == null ? null : "ALTER TABLE " + q() + " " + state + word + " " + quote(name);
        }
    }

    @FunctionalInterface
    private interface OnTableReader {
        void read(OnTable o, ResultSet rs) throws SQLException;
    }

    private record Index(long oid, String schema, String name, String def, long rel, String comment, Long parent) {
        String id() {
            return "index:" + schema + "." + name;
        }
    }

    PostDataObjects(CatalogContext ctx, RelationObjects relations) {
        super(ctx);
        this.relationIdentity = relations.identities();
        this.matviews = relations.matviews();
    }

    void read(List<Long> tableOids) throws SQLException {
        for (long t : tableOids) {
            String kind = CatalogQuery.first(conn, "SELECT c.oid, c.relkind FROM pg_class c WHERE c.oid = ?",
                    rs -> rs.getString(2), t);
            if ("p".equals(kind)) {
                partitions.put(t, TableScope.partitionsOf(conn, List.of(t)));
            }
        }
        List<Long> withIndexes = new ArrayList<>(tableOids);
        withIndexes.addAll(matviews);
        if (scope.constraints()) {
            constraints(tableOids);
        }
        if (scope.indexes()) {
            indexes(withIndexes);
        }
        if (scope.triggers()) {
            triggers(tableOids);
        }
        policies(tableOids);
        statistics(tableOids);
        new TableProperties(conn, objects, relationIdentity, this::loadedFirst).read(tableOids);
        rules(tableOids);
        analyze(tableOids);
    }

    /**
     * Planner statistics for each table once it is loaded and indexed (expression indexes have statistics too), as
     * the source has them: autovacuum would get there later, the first queries on a fresh clone would not. A
     * partitioned table's ANALYZE covers its partitions. The sink can leave these out (post.data.analyze).
     */
    private void analyze(List<Long> tableOids) {
        Set<Long> covered = new HashSet<>();
        partitions.values().forEach(covered::addAll);
        // after the table's indexes and keys: their builds and ANALYZE would wait on each other's locks
        Map<String, List<String>> buildsByTable = new HashMap<>();
        for (CatalogObject o : objects.byIdentity.values()) {
            if (o.kind().equals("index") || o.kind().equals("constraint")) {
                o.needsTables().forEach(t -> buildsByTable.computeIfAbsent(t, k -> new ArrayList<>()).add(o.identity()));
            }
        }
        for (long t : tableOids) {
            String id = relationIdentity.get(t);
            if (id == null || covered.contains(t)) {
                continue;
            }
            CatalogObject table = objects.byIdentity.get(id);
            List<String> needs = loadedFirst(t);
            List<String> indexes = needs.stream().flatMap(n -> buildsByTable.getOrDefault(n, List.of()).stream())
                    .distinct().toList();
            String name = id.substring(id.indexOf(':') + 1);
            objects.add(Objects.post("analyze", "analyze:" + name, table.schema(), table.name(), null, indexes, needs,
                    "ANALYZE " + qualified(table.schema(), table.name())));
        }
    }

    /** A table and, for a partitioned one, every partition: what must be loaded before its post-data runs. */
    private List<String> loadedFirst(long table) {
        List<String> out = new ArrayList<>();
        String id = relationIdentity.get(table);
        if (id != null) {
            out.add(id);
        }
        for (long p : partitions.getOrDefault(table, List.of())) {
            String pid = relationIdentity.get(p);
            if (pid != null) {
                out.add(pid);
            }
        }
        return out;
    }

    private void constraints(List<Long> tables) throws SQLException {
        List<Constraint> rows = CatalogQuery.list(conn, "SELECT c.oid, n.nspname, r.relname, c.conname, c.contype,"
                + " pg_get_constraintdef(c.oid), c.conrelid, c.confrelid, c.conindid, obj_description(c.oid, 'pg_constraint')"
                + " FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid JOIN pg_namespace n ON n.oid = r.relnamespace"
                + " WHERE c.conrelid = ANY (?::oid[]) AND c.contype IN ('p', 'u', 'c', 'f', 'x') AND c.conparentid = 0"
                + " AND c.conislocal ORDER BY n.nspname, r.relname, c.conname",
                rs -> new Constraint(onTable(rs), rs.getString(5).charAt(0), rs.getString(6), rs.getLong(7),
                        rs.getLong(8), rs.getLong(9), rs.getString(10)), CatalogQuery.oids(tables));
        List<Constraint> fks = new ArrayList<>();
        for (Constraint c : rows) {
            objects.map(PG_CONSTRAINT, c.on().oid(), c.id());
            if (c.type() == 'f') {
                fks.add(c);
                continue;
            }
            objects.add(Objects.post("constraint", c.id(), c.on().schema(), c.on().name(), "constraints",
                    List.of(relationIdentity.get(c.rel())), loadedFirst(c.rel()), c.sql()));
            meta.comment(c.id(), c.on().schema(), c.on().name(), c.on().what("CONSTRAINT"), c.comment());
        }
        for (Constraint fk : fks) {
            long referenced = fk.referenced();
            List<String> needs = new ArrayList<>(loadedFirst(fk.rel()));
            needs.addAll(loadedFirst(referenced));
            List<String> deps = new ArrayList<>(List.of(relationIdentity.getOrDefault(fk.rel(), "")));
            String keyId = keyBehind(referenced, fk.index());
            if (keyId != null) {
                deps.add(keyId);
            } else if (!relationIdentity.containsKey(referenced)) {
                objects.warnings.add("foreign key " + fk.on().name() + " of " + fk.on().q()
                        + " references a table outside the clone: it must exist on the target");
            }
            objects.add(Objects.post("constraint", fk.id(), fk.on().schema(), fk.on().name(), "constraints", deps, needs,
                    fk.sql()));
            meta.comment(fk.id(), fk.on().schema(), fk.on().name(), fk.on().what("CONSTRAINT"), fk.comment());
        }
    }

    /** The identity of the primary key, unique constraint or unique index a foreign key's index refers to. */
    private String keyBehind(long referencedTable, long index) throws SQLException {
        String[] key = CatalogQuery.first(conn, "SELECT n.nspname, r.relname, c.conname FROM pg_constraint c"
                + " JOIN pg_class r ON r.oid = c.conrelid JOIN pg_namespace n ON n.oid = r.relnamespace"
                + " WHERE c.conrelid = ? AND c.conindid = ? AND c.contype IN ('p', 'u')", CatalogQuery::texts,
                referencedTable, index);
        if (key != null) {
            return "constraint:" + key[0] + "." + key[1] + "." + key[2];
        }
        String[] unique = CatalogQuery.first(conn, "SELECT n.nspname, c.relname FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = ?", CatalogQuery::texts, index);
        return unique != null ? "index:" + unique[0] + "." + unique[1] : null;
    }

    /**
     * Indexes that no constraint owns. An index of a partition that belongs to its parent's partitioned index is
     * created on its own, then attached (as pg_dump does), so it keeps its name.
     */
    private void indexes(List<Long> relations) throws SQLException {
        List<Index> rows = CatalogQuery.list(conn, "SELECT i.indexrelid, n.nspname, ic.relname, pg_get_indexdef(i.indexrelid),"
                + " i.indrelid, obj_description(i.indexrelid, 'pg_class'),"
                + " (SELECT h.inhparent FROM pg_inherits h WHERE h.inhrelid = i.indexrelid) FROM pg_index i"
                + " JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ic.relnamespace"
                + " WHERE i.indrelid = ANY (?::oid[])"
                + " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid"
                + "   AND c.contype IN ('p', 'u', 'x'))"
                + " ORDER BY n.nspname, ic.relname",
                rs -> new Index(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        rs.getString(6), rs.getObject(7) == null ? null : rs.getLong(7)), CatalogQuery.oids(relations));
        Map<Long, Index> byOid = new HashMap<>();
        for (Index r : rows) {
            objects.map(PG_CLASS, r.oid(), r.id());
            byOid.put(r.oid(), r);
        }
        for (Index r : rows) {
            String schema = r.schema();
            String name = r.name();
            String id = r.id();
            long rel = r.rel();
            String relId = relationIdentity.get(rel);
            List<String> deps = new ArrayList<>(List.of(relId));
            List<String> sql = new ArrayList<>(List.of(r.def()));
            Index parent = r.parent() == null ? null : byOid.get(r.parent());
            if (parent != null) {
                deps.add(parent.id());
                sql.add("ALTER INDEX " + qualified(parent.schema(), parent.name()) + " ATTACH PARTITION "
                        + qualified(schema, name));
            }
            boolean onMatview = matviews.contains(rel);
            if (onMatview) {
                String refresh = "refresh:" + relId.substring("matview:".length());
                if (objects.byIdentity.containsKey(refresh)) {
                    deps.add(refresh); // built on the refreshed rows
                }
            }
            objects.add(Objects.post("index", id, schema, name, onMatview ? "matviews" : "indexes", deps,
                    onMatview ? List.of() : loadedFirst(rel), sql));
            meta.comment(id, schema, name, "INDEX " + qualified(schema, name), r.comment());
        }
    }

    /** Each row of a query on the tables whose first columns name an object on a table (see {@link OnTable}). */
    private void eachOnTable(String sql, List<Long> tables, OnTableReader reader) throws SQLException {
        CatalogQuery.each(conn, sql, rs -> reader.read(onTable(rs), rs), CatalogQuery.oids(tables));
    }

    private static OnTable onTable(ResultSet rs) throws SQLException {
        return new OnTable(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4));
    }

    private void triggers(List<Long> tables) throws SQLException {
        eachOnTable("SELECT t.oid, n.nspname, r.relname, t.tgname, pg_get_triggerdef(t.oid),"
                + " t.tgrelid, t.tgenabled, obj_description(t.oid, 'pg_trigger') FROM pg_trigger t"
                + " JOIN pg_class r ON r.oid = t.tgrelid JOIN pg_namespace n ON n.oid = r.relnamespace"
                + " WHERE t.tgrelid = ANY (?::oid[]) AND NOT t.tgisinternal AND t.tgparentid = 0"
                + " ORDER BY n.nspname, r.relname, t.tgname", tables, (t, rs) -> {
            List<String> sql = new ArrayList<>(List.of(rs.getString(5)));
            String state = t.enabledState(rs.getString(7), "TRIGGER");
            if (state != null) {
                sql.add(state);
            }
            String id = t.id("trigger");
            objects.map("pg_trigger", t.oid(), id);
            objects.add(Objects.post("trigger", id, t.schema(), t.name(), "triggers",
                    List.of(relationIdentity.get(rs.getLong(6))), loadedFirst(rs.getLong(6)), sql));
            meta.comment(id, t.schema(), t.name(), t.what("TRIGGER"), rs.getString(8));
        });
    }

    private void policies(List<Long> tables) throws SQLException {
        eachOnTable("SELECT p.oid, n.nspname, r.relname, p.polname, p.polcmd,"
                + " p.polpermissive, ARRAY(SELECT CASE WHEN o = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(o) END"
                + "   FROM unnest(p.polroles) o), pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid),"
                + " p.polrelid, obj_description(p.oid, 'pg_policy') FROM pg_policy p JOIN pg_class r ON r.oid = p.polrelid"
                + " JOIN pg_namespace n ON n.oid = r.relnamespace WHERE p.polrelid = ANY (?::oid[])"
                + " ORDER BY n.nspname, r.relname, p.polname", tables, (p, rs) -> {
            String cmd = switch (rs.getString(5)) {
                case "r" -> "SELECT";
                case "a" -> "INSERT";
                case "w" -> "UPDATE";
                case "d" -> "DELETE";
                default -> "ALL";
            };
            List<String> deps = new ArrayList<>(List.of(relationIdentity.get(rs.getLong(10))));
            StringJoiner roles = new StringJoiner(", ");
            for (String role : CatalogQuery.textArray(rs, 7)) {
                roles.add(role.equals("PUBLIC") ? "PUBLIC" : quote(role));
                if (!role.equals("PUBLIC")) {
                    deps.add("role:" + role);
                }
            }
            StringBuilder sql = new StringBuilder("CREATE POLICY ").append(quote(p.name())).append(" ON ").append(p.q())
                    .append(rs.getBoolean(6) ? " AS PERMISSIVE" : " AS RESTRICTIVE").append(" FOR ").append(cmd)
                    .append(" TO ").append(roles);
            if (rs.getString(8) != null) {
                sql.append(" USING (").append(rs.getString(8)).append(')');
            }
            if (rs.getString(9) != null) {
                sql.append(" WITH CHECK (").append(rs.getString(9)).append(')');
            }
            String id = p.id("policy");
            objects.map("pg_policy", p.oid(), id);
            objects.add(Objects.post("policy", id, p.schema(), p.name(), null, deps, loadedFirst(rs.getLong(10)),
                    sql.toString()));
            meta.comment(id, p.schema(), p.name(), p.what("POLICY"), rs.getString(11));
        });
    }

    private void statistics(List<Long> tables) throws SQLException {
        CatalogQuery.each(conn, "SELECT n.nspname, s.stxname, pg_get_statisticsobjdef(s.oid), s.stxrelid, s.oid"
                + " FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace WHERE s.stxrelid = ANY (?::oid[])"
                + " ORDER BY 1, 2", rs -> {
            String id = "statistics:" + rs.getString(1) + "." + rs.getString(2);
            objects.map("pg_statistic_ext", rs.getLong(5), id);
            objects.add(Objects.post("statistics", id, rs.getString(1), rs.getString(2), null,
                    List.of(relationIdentity.get(rs.getLong(4))), List.of(), rs.getString(3)));
        }, CatalogQuery.oids(tables));
    }

    /** Rules on the clone's tables (a view's _RETURN rule is the view), with their enabled state, after the tables. */
    private void rules(List<Long> tables) throws SQLException {
        eachOnTable("SELECT r.oid, n.nspname, c.relname, r.rulename,"
                + " pg_get_ruledef(r.oid), r.ev_enabled::text, r.ev_class, obj_description(r.oid, 'pg_rewrite')"
                + " FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE r.ev_class = ANY (?::oid[]) AND r.rulename <> '_RETURN' ORDER BY 2, 3, 4", tables, (r, rs) -> {
            List<String> sql = new ArrayList<>(List.of(CatalogSql.withoutSemicolon(rs.getString(5))));
            String state = r.enabledState(rs.getString(6), "RULE");
            if (state != null) {
                sql.add(state);
            }
            String id = r.id("rule");
            objects.map("pg_rewrite", r.oid(), id);
            objects.add(Objects.post("rule", id, r.schema(), r.name(), null, List.of(relationIdentity.get(rs.getLong(7))),
                    loadedFirst(rs.getLong(7)), sql));
            meta.comment(id, r.schema(), r.name(), r.what("RULE"), rs.getString(8));
        });
    }
}
