package io.pgclone.sink;

import io.pgclone.core.catalog.CatalogObject;
import io.pgclone.core.sql.Identifiers;
import io.pgclone.core.sql.QualifiedName;
import io.pgclone.core.sql.SqlRenamer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Names of their own for what belongs to a table cloned under another name ({@code rename.tables}): its indexes,
 * constraints, sequences and extended statistics. A copy next to its original in one schema would otherwise ask for
 * the original's names ({@code t_pkey}, {@code t_id_seq}), which are taken. A name that starts with the source
 * table's name gets the target table's name instead ({@code orders_pkey} of {@code orders} cloned as
 * {@code orders2} becomes {@code orders2_pkey}), shortened to 63 bytes as PostgreSQL shortens the names it chooses
 * (the table part gives way) and made unique among the clone's names with a number. Other names are kept; whether
 * they are free on the target is checked there, before anything is created.
 */
final class DependentNames {
    private final Map<QualifiedName, QualifiedName> relations = new LinkedHashMap<>();
    private final Map<String, String> names = new LinkedHashMap<>();

    private DependentNames() {
    }

    /** @param renamer the clone's renamer (schemas and tables) */
    static DependentNames of(List<CatalogObject> objects, Map<QualifiedName, QualifiedName> tableRenames,
                             SqlRenamer renamer) {
        DependentNames d = new DependentNames();
        if (tableRenames.isEmpty()) {
            return d;
        }
        Map<String, QualifiedName[]> renamed = new LinkedHashMap<>();
        tableRenames.forEach((from, to) -> renamed.put("table:" + from.schema() + "." + from.name(),
                new QualifiedName[] {from, to}));
        List<CatalogObject> derived = new ArrayList<>();
        Set<String> taken = new HashSet<>(); // names the clone creates, by namespace and schema
        for (CatalogObject o : objects) {
            QualifiedName[] table = owner(o, renamed);
            if (table != null && o.name().startsWith(table[0].name())) {
                derived.add(o);
            } else if (namespace(o) != null) {
                taken.add(namespace(o) + schemaOf(o, table, renamer) + "\u0000" + o.name());
            } else if (Set.of("table", "view", "matview", "sequence").contains(o.kind())) {
                QualifiedName t = renamer.rename(new QualifiedName(o.schema(), o.name()));
                taken.add("rel:" + t.schema() + "\u0000" + t.name());
            }
        }
        for (CatalogObject o : derived) {
            QualifiedName[] table = owner(o, renamed);
            String rest = o.name().substring(table[0].name().length());
            String schema = schemaOf(o, table, renamer);
            String chosen = Identifiers.fitted(table[1].name(), rest);
            String ns = namespace(o);
            for (int n = 1; ns != null && !taken.add(ns + schema + "\u0000" + chosen); n++) {
                chosen = Identifiers.fitted(table[1].name(), rest + n);
            }
            d.names.put(o.identity(), chosen);
            if (!o.kind().equals("constraint")) {
                d.relations.put(new QualifiedName(o.schema(), o.name()), new QualifiedName(schema, chosen));
            }
        }
        return d;
    }

    /** Which names an object's name must differ from: relations, or statistics objects; null for per-table names. */
    private static String namespace(CatalogObject o) {
        return switch (o.kind()) {
            case "index", "sequence-value", "owned-by" -> "rel:";
            case "constraint" -> isIndexBacked(o) ? "rel:" : null;
            case "statistics" -> "stx:";
            default -> null;
        };
    }

    /** The target schema of an object of a table: indexes and constraints live with the table. */
    private static String schemaOf(CatalogObject o, QualifiedName[] table, SqlRenamer renamer) {
        if (table != null && (o.kind().equals("index") || o.kind().equals("constraint"))) {
            return table[1].schema();
        }
        return renamer.schema(o.schema());
    }

    /** The renamed table an object belongs to ({from, to}), or null. */
    private static QualifiedName[] owner(CatalogObject o, Map<String, QualifiedName[]> renamedTables) {
        List<String> deps = o.dependsOn();
        return switch (o.kind()) {
            // a constraint or index names its table first; an identity sequence's value names only its table
            case "index", "constraint", "statistics" -> deps.isEmpty() ? null : renamedTables.get(deps.get(0));
            case "sequence-value" -> deps.size() == 1 ? renamedTables.get(deps.get(0)) : null;
            case "owned-by" -> deps.stream().map(renamedTables::get).filter(Objects::nonNull)
                    .findFirst().orElse(null);
            default -> null;
        };
    }

    /** A primary key, unique or exclusion constraint: it creates an index of its name. */
    static boolean isIndexBacked(CatalogObject o) {
        if (!o.kind().equals("constraint") || o.statements().isEmpty()) {
            return false;
        }
        String sql = o.statements().get(0);
        int at = sql.indexOf(" ADD CONSTRAINT ");
        if (at < 0) {
            return false;
        }
        String def = sql.substring(at + " ADD CONSTRAINT ".length());
        def = def.startsWith("\"") ? def.substring(def.indexOf("\" ", 1) + 2) : def.substring(def.indexOf(' ') + 1);
        return def.startsWith("PRIMARY KEY") || def.startsWith("UNIQUE") || def.startsWith("EXCLUDE");
    }

    /** Source relation to target relation for the renamed dependents (for the renamer). */
    Map<QualifiedName, QualifiedName> relations() {
        return relations;
    }

    /** The new name of a constraint, index, sequence or statistics object by identity, or null when it keeps it. */
    String nameOf(String identity) {
        return names.get(identity);
    }
}
