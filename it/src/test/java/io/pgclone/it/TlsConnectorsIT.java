package io.pgclone.it;

import io.pgclone.stack.ConnectRestClient;
import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.ConfigFiles;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import io.pgclone.testkit.TableComparison;
import io.pgclone.testkit.TestCertificates;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.sql.Connection;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connectors' own TLS settings ({@code source.ssl.*}): a clone from a server that accepts client certificates
 * only, and validate naming {@code source.ssl.root.cert} when verify-full meets a certificate from another CA.
 */
class TlsConnectorsIT {

    @Test
    void shouldCloneWithTheSslSettingsAndNameTheRootCertWhenTheAuthorityIsWrong() throws Exception {
        TestCertificates certs = TestCertificates.create(Files.createTempDirectory("pgclone-tls-"));
        try (PostgresServer source = PostgresServer.start(PostgresServer.options().major(16)
                .clientCertificatesOnly(certs.files()))) {
            source.createDatabase("secure");
            source.execute("secure", "CREATE TABLE public.cards (id int PRIMARY KEY, holder text)");
            source.execute("secure", "INSERT INTO public.cards SELECT g, 'holder ' || g FROM generate_series(1, 3000) g");
            PostgresServer target = Servers.postgres(17);
            String tgt = Databases.fresh(target, "tlsconn");
            String prefix = CloneHarness.uniquePrefix("tls");

            CloneHarness.cloneTables(prefix, source, "secure", target, tgt, "public.cards", Map.of(),
                    c -> c.with("source.password", null).with("source.ssl.mode", "verify-full")
                            .with("source.ssl.root.cert", certs.ca().toString())
                            .with("source.ssl.cert", certs.clientCert().toString())
                            .with("source.ssl.key", certs.clientKey().toString()));
            try (Connection s = source.connect("secure"); Connection t = target.connect(tgt)) {
                assertThat(TableComparison.checksum(t, "public.cards")).isEqualTo(TableComparison.checksum(s, "public.cards"));
            }

            ConnectRestClient rest = Servers.stack().worker().rest();
            ConfigFiles.Connector wrong = ConfigFiles.load("clone-table.json").named(prefix + "-wrong")
                    .connectedTo("source", source, "secure").with("source.password", null)
                    .with("topic.prefix", prefix + "w").with("clone.id", prefix + "w").with("tables", "public.cards")
                    .with("source.ssl.mode", "verify-full").with("source.ssl.root.cert", certs.otherCa().toString())
                    .with("source.ssl.cert", certs.clientCert().toString())
                    .with("source.ssl.key", certs.clientKey().toString());
            Map<String, String> named = new java.util.HashMap<>(wrong.config());
            named.put("name", wrong.name());
            var result = rest.validate("io.pgclone.source.PgCloneSourceConnector", named);
            StringBuilder errors = new StringBuilder();
            result.path("configs").forEach(c -> c.path("value").path("errors").forEach(e ->
                    errors.append(c.path("value").path("name").asText()).append(": ").append(e.asText()).append('\n')));
            assertThat(errors.toString()).startsWith("source.ssl.root.cert: the certificate of the server at")
                    .contains("is not signed by an authority in source.ssl.root.cert");
        }
    }
}
