package io.pgclone.core.mask;

import io.pgclone.core.sql.QualifiedName;
import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * mask-in-place with a keyed hash on a server that logs every statement: the rows hold the HMAC the Mask transform
 * computes, and the server log holds neither the key nor its pads (no statement text carries them; the bind
 * parameters that do are kept out of the log, which a superuser may do).
 */
class KeyedHashSecrecyIT {
    /** 14 checks superuser status to keep parameters out of the log, 15+ the SET privilege on the parameter. */
    @ParameterizedTest
    @ValueSource(ints = {14, 17})
    void theServerLogHoldsNoKeyMaterialWhenEveryStatementIsLogged(int major) throws Exception {
        PostgresServer pg = Servers.postgres(major);
        String db = Databases.fresh(pg, "hkey");
        pg.execute(db, "CREATE TABLE public.t (id bigint PRIMARY KEY, email text);"
                + " INSERT INTO public.t VALUES (1, 'ann@example.org'), (2, NULL)");
        pg.execute("postgres", "ALTER DATABASE " + db + " SET log_statement = 'all'");
        String secret = "key-" + UUID.randomUUID();
        HashKey key = HashKey.of(secret);
        try (Connection c = pg.connect(db)) {
            String out = Masking.maskInPlace(c, new QualifiedName("public", "t"),
                    Map.of("email", new MaskStrategy.Hash(key), "id", new MaskStrategy.Hash(key)));
            assertThat(out).isEqualTo("OK: masked 2 rows in public.t (2 columns)");
        }
        MaskStrategy.Hash h = new MaskStrategy.Hash(key);
        try (Connection c = pg.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, email FROM public.t ORDER BY email NULLS LAST")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(h.maskLong(1));
            assertThat(rs.getString(2)).isEqualTo(h.maskText("ann@example.org"));
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(h.maskLong(2));
            assertThat(rs.getString(2)).isNull();
        }
        String log = pg.log();
        assertThat(log).as("statements are logged").contains("UPDATE \"public\".\"t\" SET");
        for (String material : KeyMaterial.of(secret)) {
            assertThat(log.toLowerCase()).doesNotContain(material.toLowerCase());
        }
    }
}
