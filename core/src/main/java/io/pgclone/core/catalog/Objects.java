package io.pgclone.core.catalog;


import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects gathered for one clone, keyed by identity, with the source OIDs that map onto them (so that
 * {@code pg_depend} rows can be read as dependencies between identities).
 */
final class Objects {
    final Map<String, CatalogObject> byIdentity = new LinkedHashMap<>();
    /** "classid:objid" (classid as regclass text, e.g. pg_class:16384) to identity. */
    final Map<String, String> byOid = new LinkedHashMap<>();
    final List<String> warnings = new ArrayList<>();

    void add(CatalogObject o) {
        byIdentity.putIfAbsent(o.identity(), o);
    }

    void map(String catalog, long oid, String identity) {
        byOid.put(catalog + ":" + oid, identity);
    }

    String identityOf(String catalog, long oid) {
        return byOid.get(catalog + ":" + oid);
    }

    static CatalogObject pre(String kind, String identity, String schema, String name, List<String> deps, String sql) {
        return pre(kind, identity, schema, name, deps, List.of(sql));
    }

    /** A pre-data object created by several statements, each exactly one. */
    static CatalogObject pre(String kind, String identity, String schema, String name, List<String> deps,
                             List<String> statements) {
        return new CatalogObject(kind, identity, schema, name, CatalogObject.PRE_DATA, null, deps, List.of(), statements,
                null);
    }

    static CatalogObject post(String kind, String identity, String schema, String name, String category,
                              List<String> deps, List<String> needsTables, String sql) {
        return post(kind, identity, schema, name, category, deps, needsTables, List.of(sql));
    }

    /** A post-data object created by several statements, each exactly one. */
    static CatalogObject post(String kind, String identity, String schema, String name, String category,
                              List<String> deps, List<String> needsTables, List<String> statements) {
        return new CatalogObject(kind, identity, schema, name, CatalogObject.POST_DATA, category, deps, needsTables,
                statements, null);
    }

    /** The same object with more dependencies. */
    static CatalogObject withDeps(CatalogObject o, List<String> more) {
        List<String> deps = new ArrayList<>(o.dependsOn());
        more.stream().filter(d -> !deps.contains(d) && !d.equals(o.identity())).forEach(deps::add);
        return new CatalogObject(o.kind(), o.identity(), o.schema(), o.name(), o.section(), o.category(), deps,
                o.needsTables(), o.statements(), o.table());
    }
}
