package io.pgclone.cli;

import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import io.pgclone.testkit.TableComparison;
import io.pgclone.testkit.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A clone from a server that lets clients in by certificate only ({@code hostssl ... cert}), given to the CLI as a
 * libpq conninfo: every TLS parameter reaches the deployed connectors, and a wrong CA or a key in a form the driver
 * cannot read is refused in one line naming the parameter.
 */
class TlsCloneIT {
    private static TestCertificates certs;
    private static PostgresServer tlsSource;

    @BeforeAll
    static void startServer() throws Exception {
        certs = TestCertificates.create(Files.createTempDirectory("pgclone-tls-"));
        tlsSource = PostgresServer.start(PostgresServer.options().major(17).clientCertificatesOnly(certs.files()));
        tlsSource.createDatabase("secure");
        tlsSource.execute("secure", "CREATE TABLE public.accounts (id int PRIMARY KEY, owner text, balance numeric)");
        tlsSource.execute("secure", "INSERT INTO public.accounts SELECT g, 'owner ' || g, g * 1.5 FROM generate_series(1, 5000) g");
    }

    @AfterAll
    static void stopServer() {
        if (tlsSource != null) {
            tlsSource.close();
        }
    }

    private static String conninfo(String rootCert, Path key) {
        return "host=" + tlsSource.host() + " port=" + tlsSource.port() + " dbname=secure user=postgres"
                + " sslmode=verify-full sslrootcert='" + rootCert + "' sslcert='" + certs.clientCert() + "' sslkey='"
                + key + "'";
    }

    @Test
    void shouldCloneFromAServerThatAcceptsClientCertificatesOnly() throws Exception {
        PostgresServer target = Servers.postgres(17);
        String tgt = Databases.fresh(target, "tlstgt");
        CliProcess.Result r = CliProcess.run(600, "clone", "--source", conninfo(certs.ca().toString(), certs.clientKey()),
                "--target", target.conninfo(tgt), "--table", "public.accounts", "--format", "json", "--no-progress");
        assertThat(r.exitCode()).as("%s\n%s", r.stdout(), r.stderr()).isZero();
        try (Connection s = tlsSource.connect("secure"); Connection t = target.connect(tgt)) {
            assertThat(TableComparison.count(t, "public.accounts")).isEqualTo(5000);
            assertThat(TableComparison.checksum(t, "public.accounts")).isEqualTo(TableComparison.checksum(s, "public.accounts"));
        }
    }

    @Test
    void shouldRefuseVerifyFullAgainstTheWrongAuthorityNamingTheParameter() throws Exception {
        PostgresServer target = Servers.postgres(17);
        String tgt = Databases.fresh(target, "tlswrongca");
        CliProcess.Result r = CliProcess.run(120, "clone", "--source", conninfo(certs.otherCa().toString(), certs.clientKey()),
                "--target", target.conninfo(tgt), "--table", "public.accounts", "--no-progress");
        assertThat(r.exitCode()).as(r.stdout()).isEqualTo(2);
        assertThat(r.stderr().strip()).startsWith("error: --source: the certificate of the server at").contains("sslrootcert")
                .doesNotContain("\n");
        try (Connection t = target.connect(tgt); var st = t.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname IN ('pgclone', 'public')"
                     + " AND EXISTS (SELECT 1 FROM pg_class WHERE relnamespace = pg_namespace.oid)")) {
            rs.next();
            assertThat(rs.getInt(1)).as("nothing created on the target").isZero();
        }
    }

    @Test
    void shouldRefuseALegacyKeyFormWithTheConversion() throws Exception {
        CliProcess.Result r = CliProcess.run(120, "clone", "--source", conninfo(certs.ca().toString(), certs.legacyClientKey()),
                "--target", Servers.postgres(17).conninfo("postgres"), "--table", "public.accounts", "--no-progress");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("--source: sslkey:").contains("openssl pkcs8 -topk8");
    }
}
