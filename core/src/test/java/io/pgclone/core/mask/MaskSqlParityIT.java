package io.pgclone.core.mask;

import io.pgclone.core.catalog.ColumnType;
import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import org.apache.kafka.connect.data.Schema;
import org.junit.jupiter.api.Test;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.io.StringWriter;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SQL form of every strategy (mask-in-place, masking views) gives what the Mask transform gives in Java, on a
 * real server, for the same inputs: NULL, empty, unicode, short, long values. The keyed hash runs in its only SQL
 * form: its key in transaction-local settings ({@link HashKeySetting}), in statements with and without parameters.
 */
class MaskSqlParityIT {
    private static final List<String> INPUTS = Arrays.asList(null, "", "a", "ab", "Johnson", "alice@example.com",
            "@nolocal.org", "no at sign", "a@b@c", "+1-555-123-4567", "(030) 12 34-56", "Łukasz Żółć", "😀bob@exämple.de",
            "tab\there", "quote ' and \\ backslash", "x".repeat(300));

    private static final List<MaskStrategy> STRATEGIES = List.of(new MaskStrategy.Email(), new MaskStrategy.Name(),
            new MaskStrategy.Phone(0), new MaskStrategy.Phone(4), new MaskStrategy.Partial(1, 1),
            new MaskStrategy.Partial(2, 3), new MaskStrategy.Partial(0, 2), new MaskStrategy.Hash(),
            new MaskStrategy.Hash(HashKey.of("s3cret key")), new MaskStrategy.Hash(HashKey.of("k".repeat(90))),
            new MaskStrategy.Null(), new MaskStrategy.Constant("REDACTED", false), new MaskStrategy.Constant("it's", false));

    private final PostgresServer pg = Servers.postgres(17);

    @Test
    void everyTextStrategyGivesTheSameInSqlAndJava() throws Exception {
        String db = Databases.fresh(pg, "mask");
        try (Connection c = pg.connect(db)) {
            c.setAutoCommit(false);
            for (MaskStrategy s : STRATEGIES) {
                if (s instanceof MaskStrategy.Hash h && h.key().isKeyed()) {
                    HashKeySetting.set(c, h.key());
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT " + s.textSql("v") + " FROM (SELECT CAST(? AS text) AS v) x")) {
                    for (String in : INPUTS) {
                        ps.setString(1, in);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            assertThat(rs.getString(1)).as("%s of %s", s, in).isEqualTo(s.maskText(in));
                        }
                    }
                }
            }
        }
    }

    @Test
    void typedColumnsGiveTheSameInSqlAndJava() throws Exception {
        String db = Databases.fresh(pg, "maskt");
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("CREATE TABLE t (id bigint, u uuid, code varchar(12), pad char(8))");
            st.execute("INSERT INTO t VALUES (42, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'al@exam.com', 'abcd'),"
                    + " (-7, '00000000-0000-0000-0000-000000000000', 'Ω@x.io', 'x'), (NULL, NULL, NULL, NULL)");
            for (HashKey key : List.of(HashKey.NONE, HashKey.of("k1"))) {
                MaskStrategy.Hash h = new MaskStrategy.Hash(key);
                if (key.isKeyed()) {
                    HashKeySetting.set(c, key);
                }
                ColumnMask id = new ColumnMask("id", h, MaskTarget.of(type("bigint", "int8", -1), false));
                ColumnMask u = new ColumnMask("u", h, MaskTarget.of(type("uuid", "uuid", -1), false));
                ColumnMask code = new ColumnMask("code", new MaskStrategy.Email(),
                        MaskTarget.of(type("character varying(12)", "varchar", 16), false));
                ColumnMask pad = new ColumnMask("pad", new MaskStrategy.Partial(1, 1),
                        MaskTarget.of(type("character(8)", "bpchar", 12), false));
                try (ResultSet rs = st.executeQuery("SELECT id, u::text, code, pad, " + id.sql() + ", " + u.sql()
                        + "::text, " + code.sql() + ", " + pad.sql() + " FROM t")) {
                    while (rs.next()) {
                        Long in = rs.getObject(1) == null ? null : rs.getLong(1);
                        assertThat(rs.getObject(5) == null ? null : rs.getLong(5)).isEqualTo(id.apply(in, Schema.OPTIONAL_INT64_SCHEMA));
                        assertThat(rs.getString(6)).isEqualTo(u.apply(rs.getString(2), Schema.OPTIONAL_STRING_SCHEMA));
                        assertThat(rs.getString(7)).isEqualTo(code.apply(rs.getString(3), Schema.OPTIONAL_STRING_SCHEMA));
                        String padded = rs.getString(4) == null ? null : String.format("%-8s", rs.getString(4));
                        Object javaPad = pad.apply(padded, Schema.OPTIONAL_STRING_SCHEMA);
                        assertThat(rs.getString(8)).isEqualTo(javaPad == null ? null : String.format("%-8s", javaPad));
                    }
                }
            }
        }
    }

    @Test
    void theKeyedHashWorksInACopyQueryWhichTakesNoParameters() throws Exception {
        String db = Databases.fresh(pg, "maskc");
        HashKey key = HashKey.of("copy key");
        ColumnMask m = new ColumnMask("v", new MaskStrategy.Hash(key), MaskTarget.of(type("text", "text", -1), false));
        try (Connection c = pg.connect(db)) {
            c.setAutoCommit(false);
            HashKeySetting.set(c, key);
            StringWriter out = new StringWriter();
            new CopyManager(c.unwrap(BaseConnection.class)).copyOut("COPY (SELECT " + m.sql()
                    + " FROM (VALUES ('alice@example.com'), ('Łukasz')) x (v)) TO STDOUT", out);
            c.commit();
            assertThat(out.toString()).isEqualTo(m.apply("alice@example.com", Schema.STRING_SCHEMA) + "\n"
                    + m.apply("Łukasz", Schema.STRING_SCHEMA) + "\n");
        }
    }

    @Test
    void aKeyedHashWithoutItsSettingsFailsInsteadOfHashingWithoutAKey() throws Exception {
        String db = Databases.fresh(pg, "maskn");
        MaskStrategy.Hash h = new MaskStrategy.Hash(HashKey.of("k"));
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.executeQuery("SELECT " + h.textSql("'x'")))
                    .hasMessageContaining("pgclone_mask.");
            c.setAutoCommit(false);
            HashKeySetting.set(c, h.key());
            c.commit(); // the settings end with the transaction, and read empty in the next ones of the session
            assertThatThrownBy(() -> st.executeQuery("SELECT " + h.textSql("'x'")))
                    .hasMessageContaining("invalid hexadecimal digit");
            c.rollback();
            assertThatThrownBy(() -> HashKeySetting.set(c, HashKey.NONE)).isInstanceOf(IllegalArgumentException.class);
            c.setAutoCommit(true);
            assertThatThrownBy(() -> HashKeySetting.set(c, h.key())).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void randomIntStaysInItsRangeInSqlToo() throws Exception {
        String db = Databases.fresh(pg, "maskr");
        MaskStrategy.RandomInt r = new MaskStrategy.RandomInt(10, 12);
        try (Connection c = pg.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT " + r.numberSql() + " FROM generate_series(1, 2000) ORDER BY 1")) {
            List<Long> seen = new ArrayList<>();
            while (rs.next()) {
                seen.add(rs.getLong(1));
            }
            assertThat(seen).containsExactly(10L, 11L, 12L);
        }
    }

    private static ColumnType type(String formatted, String base, int typmod) {
        return new ColumnType(formatted, base, true, 'b', 'S', typmod, null, null);
    }
}
