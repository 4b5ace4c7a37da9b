package io.pgclone.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.pgclone.core.catalog.TableDef;
import io.pgclone.core.protocol.ControlMessage;
import io.pgclone.core.sql.QualifiedName;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The connector's settings plus the task-only keys the connector fills in: snapshot, generation, work. */
public final class PgCloneSourceTaskConfig extends PgCloneSourceConfig {
    public static final String TASK_ID = "task.id";
    public static final String TASK_CLONE_ID = "task.clone.id";
    public static final String TASK_SNAPSHOT = "task.snapshot";
    public static final String TASK_LSN = "task.snapshot.lsn";
    public static final String TASK_GENERATION = "task.generation";
    public static final String TASK_MIN_GENERATION = "task.min.generation";
    public static final String TASK_STARTED_AT = "task.started.at";
    /** Every table of the clone as a JSON array of [schema, name], in the order all tasks agree on. */
    public static final String TASK_TABLES = "task.tables";
    /** Chunk count of every table, comma-separated, in the order of {@link #TASK_TABLES}. */
    public static final String TASK_CHUNK_COUNTS = "task.chunk.counts";
    /** This task's chunks as {@code table-index:chunk}, comma-separated, largest first. */
    public static final String TASK_CHUNKS = "task.chunks";

    static final ConfigDef TASK_CONFIG_DEF = new ConfigDef(CONFIG_DEF)
            .define(TASK_ID, Type.INT, Importance.HIGH, "Task number; task 0 also sends the manifest and catalog.")
            .define(TASK_CLONE_ID, Type.STRING, Importance.HIGH, "The resolved clone id.")
            .define(TASK_SNAPSHOT, Type.STRING, Importance.HIGH, "Exported snapshot to import.")
            .define(TASK_LSN, Type.STRING, "", Importance.LOW, "WAL position of the snapshot.")
            .define(TASK_GENERATION, Type.INT, Importance.HIGH, "Snapshot generation.")
            .define(TASK_MIN_GENERATION, Type.INT, 1, Importance.HIGH, "Oldest generation whose chunks still count.")
            .define(TASK_STARTED_AT, Type.STRING, Importance.LOW, "When the clone started.")
            .define(TASK_TABLES, Type.STRING, Importance.HIGH, "The clone's tables.")
            .define(TASK_CHUNK_COUNTS, Type.STRING, Importance.HIGH, "Chunks per table.")
            .define(TASK_CHUNKS, Type.STRING, "", Importance.HIGH, "Chunks of this task.");

    /** One chunk of work: a table (index into the sorted table list) and a cell. */
    public record ChunkRef(int table, int chunk) {
    }

    public PgCloneSourceTaskConfig(Map<?, ?> props) {
        super(TASK_CONFIG_DEF, props);
    }

    public int taskId() {
        return getInt(TASK_ID);
    }

    public int generation() {
        return getInt(TASK_GENERATION);
    }

    /** The clone's tables, in the order the connector planned them. */
    public List<QualifiedName> planTables() {
        try {
            List<QualifiedName> out = new ArrayList<>();
            for (JsonNode n : ControlMessage.JSON
                    .readTree(getString(TASK_TABLES))) {
                out.add(new QualifiedName(n.get(0).asText(), n.get(1).asText()));
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new ConfigException(TASK_TABLES, getString(TASK_TABLES), e.getMessage());
        }
    }

    static String encodeTables(List<TableDef> tables) {
        List<List<String>> l = new ArrayList<>();
        tables.forEach(t -> l.add(List.of(t.name().schema(), t.name().name())));
        try {
            return ControlMessage.JSON.writeValueAsString(l);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public int minGeneration() {
        return getInt(TASK_MIN_GENERATION);
    }

    public List<Integer> chunkCounts() {
        List<Integer> out = new ArrayList<>();
        for (String s : getString(TASK_CHUNK_COUNTS).split(",")) {
            if (!s.isEmpty()) { // a clone without tables (functions.only) has none
                out.add(Integer.parseInt(s));
            }
        }
        return out;
    }

    public List<ChunkRef> chunks() {
        List<ChunkRef> out = new ArrayList<>();
        String s = getString(TASK_CHUNKS);
        if (s.isEmpty()) {
            return out;
        }
        for (String part : s.split(",")) {
            int colon = part.indexOf(':');
            out.add(new ChunkRef(Integer.parseInt(part.substring(0, colon)), Integer.parseInt(part.substring(colon + 1))));
        }
        return out;
    }

    static String encodeChunks(List<ChunkRef> chunks) {
        StringBuilder b = new StringBuilder();
        for (ChunkRef c : chunks) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(c.table()).append(':').append(c.chunk());
        }
        return b.toString();
    }
}
