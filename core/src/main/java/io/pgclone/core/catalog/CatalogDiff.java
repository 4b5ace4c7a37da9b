package io.pgclone.core.catalog;

import io.pgclone.core.sql.SqlRenamer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares two catalogs read by {@link CatalogReader} (the same model the clone sends): every object, column, type,
 * default, constraint, index, trigger, view and function definition, owner, grant and comment. The source side is
 * renamed as the clone renames it. The engine of {@code pgclone diff} and of the fidelity tests.
 */
public final class CatalogDiff {
    private CatalogDiff() {
    }

    /** An object on both sides whose definitions differ. */
    public record Difference(String identity, String kind, String source, String target) {
    }

    /**
     * The comparison: identities only on one side, and objects that differ, grouped by kind.
     */
    public record Report(Map<String, List<String>> onlyInSource, Map<String, List<String>> onlyInTarget,
                         Map<String, List<Difference>> modified) {
        public boolean inSync() {
            return onlyInSource.isEmpty() && onlyInTarget.isEmpty() && modified.isEmpty();
        }

        /** A line per difference, for assertion messages and logs. */
        public List<String> lines() {
            List<String> out = new ArrayList<>();
            onlyInSource.forEach((k, ids) -> ids.forEach(i -> out.add("only in source: " + i)));
            onlyInTarget.forEach((k, ids) -> ids.forEach(i -> out.add("only in target: " + i)));
            modified.forEach((k, ds) -> ds.forEach(d -> out.add("modified: " + d.identity() + "\n  source: " + d.source()
                    + "\n  target: " + d.target())));
            return out;
        }
    }

    /**
     * @param ignoreKinds kinds left out of the comparison (e.g. sequence-value while a source is still written)
     */
    public static Report compare(Catalog source, Catalog target, SqlRenamer renamer, Set<String> ignoreKinds) {
        return compare(source, target, renamer, ignoreKinds, false);
    }

    /**
     * @param acrossVersions the servers run different major versions: definitions are compared without what only
     *                       the version changes (how views qualify columns, the MAINTAIN privilege of 17+)
     */
    public static Report compare(Catalog source, Catalog target, SqlRenamer renamer, Set<String> ignoreKinds,
                                 boolean acrossVersions) {
        Map<String, String[]> left = texts(source, renamer, ignoreKinds);
        Map<String, String[]> right = texts(target, new SqlRenamer(Map.of(), Map.of()), ignoreKinds);
        if (acrossVersions) {
            Set<String> schemas = new java.util.HashSet<>(Set.of("pg_catalog", "public", "information_schema"));
            for (Catalog c : List.of(source, target)) {
                c.objects().stream().filter(o -> o.schema() != null).forEach(o -> schemas.add(o.schema()));
            }
            schemas.addAll(renamer.targetSchemas());
            for (Map<String, String[]> side : List.of(left, right)) {
                side.replaceAll((id, v) -> new String[] {v[0], versionNeutral(v[1], schemas)});
            }
        }
        Map<String, List<String>> onlySource = new TreeMap<>();
        Map<String, List<String>> onlyTarget = new TreeMap<>();
        Map<String, List<Difference>> modified = new TreeMap<>();
        for (Map.Entry<String, String[]> e : left.entrySet()) {
            String[] r = right.get(e.getKey());
            String kind = e.getValue()[0];
            if (r == null) {
                onlySource.computeIfAbsent(kind, k -> new ArrayList<>()).add(e.getKey());
            } else if (!e.getValue()[1].equals(r[1])) {
                modified.computeIfAbsent(kind, k -> new ArrayList<>()).add(new Difference(e.getKey(), kind,
                        e.getValue()[1], r[1]));
            }
        }
        for (Map.Entry<String, String[]> e : right.entrySet()) {
            if (!left.containsKey(e.getKey())) {
                onlyTarget.computeIfAbsent(e.getValue()[0], k -> new ArrayList<>()).add(e.getKey());
            }
        }
        return new Report(onlySource, onlyTarget, modified);
    }

    /** Identity (renamed) to {kind, comparable text}. */
    private static Map<String, String[]> texts(Catalog c, SqlRenamer renamer, Set<String> ignoreKinds) {
        Map<String, String[]> out = new LinkedHashMap<>();
        for (CatalogObject o : c.objects()) {
            if (ignoreKinds.contains(o.kind())) {
                continue;
            }
            String text = o.table() != null
                    ? TableDdl.create(o.table(), renamer.rename(o.table().name()), null, renamer::apply, renamer::rename)
                    : renamer.applyLeniently(o.sql());
            out.put(renameIdentity(o, renamer), new String[] {o.kind(), normalize(text)});
        }
        return out;
    }

    private static String renameIdentity(CatalogObject o, SqlRenamer renamer) {
        if (renamer.isIdentity() || o.schema() == null) {
            return o.identity();
        }
        int colon = o.identity().indexOf(':');
        String rest = o.identity().substring(colon + 1);
        String prefix = o.identity().substring(0, colon + 1);
        if (o.kind().equals("schema")) {
            return prefix + renamer.schema(rest);
        }
        if (rest.startsWith(o.schema() + ".")) {
            String after = rest.substring(o.schema().length() + 1);
            String schema = renamer.schema(o.schema());
            if (o.table() != null) {
                io.pgclone.core.sql.QualifiedName n = renamer.rename(o.table().name());
                return prefix + n.schema() + "." + n.name();
            }
            return prefix + schema + "." + after;
        }
        return o.identity();
    }

    /** Without column qualifiers ({@code orders.id} is {@code id}; 16+ omits them) and without MAINTAIN. */
    static String versionNeutral(String sql, Set<String> schemas) {
        String s = io.pgclone.core.sql.Privileges.withoutMaintain(sql.replace("; ", ";\n")).replace(";\n", "; ");
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'') {
                int end = s.indexOf('\'', i + 1);
                while (end > 0 && end + 1 < s.length() && s.charAt(end + 1) == '\'') {
                    end = s.indexOf('\'', end + 2);
                }
                end = end < 0 ? s.length() : end + 1;
                out.append(s, i, end);
                i = end;
            } else if (Character.isLetter(c) || c == '_' || c == '"') {
                int end = i + 1;
                if (c == '"') {
                    end = s.indexOf('"', i + 1) + 1;
                    if (end == 0) {
                        end = s.length();
                    }
                } else {
                    while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_'
                            || s.charAt(end) == '$')) {
                        end++;
                    }
                }
                String word = c == '"' ? s.substring(i + 1, Math.max(i + 1, end - 1)) : s.substring(i, end).toLowerCase();
                boolean qualifier = end < s.length() && s.charAt(end) == '.' && end + 1 < s.length()
                        && (Character.isLetter(s.charAt(end + 1)) || s.charAt(end + 1) == '_' || s.charAt(end + 1) == '"')
                        && (i == 0 || s.charAt(i - 1) != '.') && !schemas.contains(word);
                if (qualifier) {
                    i = end + 1;
                } else {
                    out.append(s, i, end);
                    i = end;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Whitespace runs as one space: deparsed text differs only in layout between server versions. */
    static String normalize(String sql) {
        return sql == null ? "" : sql.strip().replaceAll("\\s+", " ");
    }
}
