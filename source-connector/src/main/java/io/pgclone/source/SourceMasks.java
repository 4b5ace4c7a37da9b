package io.pgclone.source;

import io.pgclone.core.catalog.ColumnDef;
import io.pgclone.core.catalog.TableDef;
import io.pgclone.core.mask.ColumnMask;
import io.pgclone.core.mask.HashKey;
import io.pgclone.core.mask.MaskOptions;
import io.pgclone.core.mask.MaskStrategy;
import io.pgclone.core.mask.MaskTarget;
import io.pgclone.core.protocol.Topics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The masks the source pushes down into its COPY query (settings {@code mask}, {@code masks}, {@code mask.hash.key}):
 * the same JSON and the same strategies as the Mask transform, but each masked column is read as its SQL mask
 * ({@link ColumnMask#sql()}), so the original values never leave the source server and either record format can
 * carry a masked clone. A table's masks are the {@code mask} columns it has, then its own {@code masks} entry (a
 * partition's: its parent's, then its own).
 */
record SourceMasks(Map<String, MaskStrategy> all, Map<String, Map<String, MaskStrategy>> byTable, HashKey key) {
    static final SourceMasks NONE = new SourceMasks(Map.of(), Map.of(), HashKey.NONE);

    static SourceMasks of(String mask, String masks, HashKey key) {
        return new SourceMasks(mask == null || mask.isBlank() ? Map.of() : MaskOptions.parse(mask, key),
                masks == null || masks.isBlank() ? Map.of() : MaskOptions.parseByTable(masks, key), key);
    }

    boolean isEmpty() {
        return all.isEmpty() && byTable.isEmpty();
    }

    /** Whether a keyed hash is among the masks: its key must then be put in the reading transaction. */
    boolean needsKey() {
        return key.isKeyed() && (all.values().stream().anyMatch(s -> s instanceof MaskStrategy.Hash)
                || byTable.values().stream().flatMap(m -> m.values().stream()).anyMatch(s -> s instanceof MaskStrategy.Hash));
    }

    /**
     * Column name to its fitted mask, for a table read as {@code def} (kept columns only) into {@code topic};
     * {@link IllegalArgumentException} naming the table and column when a table's own mask names a column it does
     * not read or a strategy does not fit the column's type (validate reports the same before anything runs).
     */
    Map<String, ColumnMask> forTable(TableDef def, String topic) {
        Map<String, MaskStrategy> wanted = new LinkedHashMap<>();
        all.forEach((c, s) -> {
            if (def.column(c) != null) {
                wanted.put(c, s);
            }
        });
        List<String> own = new ArrayList<>();
        byTable.forEach((table, cols) -> {
            // a partition holds its parent's rows: the parent's masks are its masks (a partition's own entry adds to them)
            boolean parent = def.partitionOf() != null
                    && Topics.data("p", def.partitionOf()).endsWith(Topics.suffix(table));
            if (parent || topic.endsWith(Topics.suffix(table))) {
                wanted.putAll(cols);
                own.addAll(cols.keySet());
            }
        });
        Map<String, ColumnMask> out = new LinkedHashMap<>();
        for (Map.Entry<String, MaskStrategy> m : wanted.entrySet()) {
            ColumnDef c = def.column(m.getKey());
            if (c == null) {
                throw new IllegalArgumentException("table " + def.name() + " has no column " + m.getKey()
                        + " (or the clone leaves it out)");
            }
            try {
                out.put(c.name(), new ColumnMask(c.name(), m.getValue(), MaskTarget.of(c.type(), c.notNull())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("table " + def.name() + ": " + e.getMessage(), e);
            }
        }
        return out;
    }
}
