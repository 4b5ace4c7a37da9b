package io.pgclone.core.catalog;


import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Orders objects so that each comes after what it depends on (Kahn's algorithm); among objects free to go, by kind
 * (schemas, extensions, types, functions, sequences, tables, views...) then identity, so the order is stable.
 */
final class Dependencies {
    private static final Map<String, Integer> PRIORITY = Map.ofEntries(
            Map.entry("schema", 0), Map.entry("extension", 1), Map.entry("collation", 2), Map.entry("type", 2), Map.entry("function", 3),
            Map.entry("operator", 3), Map.entry("operator-family", 3), Map.entry("operator-class", 3),
            Map.entry("operator-family-members", 3), Map.entry("conversion", 3), Map.entry("text-search-dictionary", 3),
            Map.entry("text-search-configuration", 3), Map.entry("cast", 4),
            Map.entry("sequence", 4), Map.entry("table", 5), Map.entry("view", 6), Map.entry("matview", 7),
            Map.entry("owned-by", 8), Map.entry("comment", 9), Map.entry("owner", 9), Map.entry("grant", 9),
            Map.entry("constraint", 20), Map.entry("index", 25), Map.entry("statistics", 26), Map.entry("index-statistics", 27),
            Map.entry("cluster", 28), Map.entry("replica-identity", 28), Map.entry("trigger", 40), Map.entry("rule", 41),
            Map.entry("rls", 45), Map.entry("policy", 46), Map.entry("sequence-value", 50), Map.entry("analyze", 55), Map.entry("refresh", 60));

    private Dependencies() {
    }

    static int priority(CatalogObject o) {
        return PRIORITY.getOrDefault(o.kind(), 90);
    }

    /** Objects in dependency order; references to objects outside the list are ignored. */
    static List<CatalogObject> order(List<CatalogObject> objects) {
        Map<String, CatalogObject> byId = new LinkedHashMap<>();
        objects.forEach(o -> byId.putIfAbsent(o.identity(), o));
        Map<String, Integer> waiting = new HashMap<>();
        Map<String, List<String>> dependents = new HashMap<>();
        for (CatalogObject o : byId.values()) {
            Set<String> deps = new HashSet<>();
            for (String d : o.dependsOn()) {
                if (byId.containsKey(d) && !d.equals(o.identity())) {
                    deps.add(d);
                }
            }
            waiting.put(o.identity(), deps.size());
            deps.forEach(d -> dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(o.identity()));
        }
        Comparator<CatalogObject> order = Comparator.comparingInt(Dependencies::priority)
                .thenComparing(CatalogObject::identity);
        PriorityQueue<CatalogObject> ready = new PriorityQueue<>(order);
        byId.values().stream().filter(o -> waiting.get(o.identity()) == 0).forEach(ready::add);
        List<CatalogObject> out = new ArrayList<>();
        Set<String> done = new HashSet<>();
        while (out.size() < byId.size()) {
            if (ready.isEmpty()) { // a cycle: release the first waiting object, by kind and name
                byId.values().stream().filter(o -> !done.contains(o.identity())).min(order).ifPresent(ready::add);
            }
            CatalogObject o = ready.poll();
            if (!done.add(o.identity())) {
                continue;
            }
            out.add(o);
            for (String d : dependents.getOrDefault(o.identity(), List.of())) {
                if (waiting.merge(d, -1, Integer::sum) == 0 && !done.contains(d)) {
                    ready.add(byId.get(d));
                }
            }
        }
        return out;
    }
}
