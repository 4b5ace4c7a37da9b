package io.pgclone.bench;

import io.pgclone.core.catalog.ColumnDef;
import io.pgclone.core.catalog.ColumnType;
import io.pgclone.core.catalog.TableDef;
import io.pgclone.core.copy.CopyTextWriter;
import io.pgclone.core.sql.QualifiedName;
import io.pgclone.core.types.RowDecoder;
import io.pgclone.core.types.RowEncoder;
import io.pgclone.core.types.RowSchema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The per-row work of a clone outside I/O and Kafka: a COPY text row decoded into a Connect struct (source task)
 * and that struct encoded back into COPY text (sink task). Rows per second, per core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {

    /** pgbench_accounts, or a 9-column row with jsonb, uuid, bytea, numeric, timestamptz. */
    @Param({"pgbench_accounts", "nine_columns"})
    public String row;

    private RowDecoder decoder;
    private RowEncoder encoder;
    private byte[] line;
    private Struct decoded;
    private final ConnectHeaders headers = new ConnectHeaders();
    private final CopyTextWriter out = new CopyTextWriter(1 << 16);

    private static ColumnDef col(String name, String formatted, String base, char category, int typmod) {
        return new ColumnDef(name, new ColumnType(formatted, base, true, 'b', category, typmod, null, null),
                false, null, "", "", null);
    }

    @Setup
    public void setup() {
        List<ColumnDef> cols = new ArrayList<>();
        String text;
        if (row.equals("pgbench_accounts")) {
            cols.add(col("aid", "integer", "int4", 'N', -1));
            cols.add(col("bid", "integer", "int4", 'N', -1));
            cols.add(col("abalance", "integer", "int4", 'N', -1));
            cols.add(col("filler", "character(84)", "bpchar", 'S', 88));
            text = "4711234\t48\t-2187\t" + " ".repeat(84) + "\n";
        } else {
            cols.add(col("id", "bigint", "int8", 'N', -1));
            cols.add(col("doc", "jsonb", "jsonb", 'U', -1));
            cols.add(col("uid", "uuid", "uuid", 'U', -1));
            cols.add(col("blob", "bytea", "bytea", 'U', -1));
            cols.add(col("amount", "numeric(12,2)", "numeric", 'N', ((12 << 16) | 2) + 4));
            cols.add(col("at", "timestamp with time zone", "timestamptz", 'D', -1));
            cols.add(col("note", "text", "text", 'S', -1));
            cols.add(col("flag", "boolean", "bool", 'B', -1));
            cols.add(col("qty", "integer", "int4", 'N', -1));
            text = "1234567890123\t{\"a\": 1, \"b\": [1, 2, 3], \"name\": \"row 12345\"}\t"
                    + "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\t\\\\x" + "0123456789abcdef".repeat(8)
                    + "\t12345.67\t2024-02-29 12:34:56.123456+00\tsome text with ünïcødé\tt\t42\n";
        }
        TableDef table = new TableDef(new QualifiedName("public", row), 1, cols,
                new TableDef.PrimaryKey("pk", List.of(cols.get(0).name()), "PRIMARY KEY (" + cols.get(0).name() + ")"),
                1, 1);
        RowSchema schema = RowSchema.of(table);
        decoder = new RowDecoder(schema);
        encoder = RowEncoder.of(schema.valueSchema());
        line = text.getBytes(StandardCharsets.UTF_8);
        decoded = decoder.value(line, (c, s) -> { });
    }

    @Benchmark
    public Struct decode() {
        return decoder.value(line, (c, s) -> { });
    }

    @Benchmark
    public int encode() {
        out.reset();
        encoder.write(decoded, headers, out);
        return out.length();
    }

    @Benchmark
    public int decodeAndEncode() {
        Struct v = decoder.value(line, (c, s) -> { });
        out.reset();
        encoder.write(v, headers, out);
        return out.length();
    }
}
