package io.pgclone.it.badinput;

import io.pgclone.stack.FreePorts;

import java.util.List;

import static io.pgclone.it.badinput.BadInput.Group.CONNECTION;
import static io.pgclone.it.badinput.Trials.validateSink;
import static io.pgclone.it.badinput.Trials.validateSource;

/** Connection settings of both connectors, refused by validate on the setting at fault. */
final class ConnectionInputs {
    private ConnectionInputs() {
    }

    static List<BadInput> cases() {
        return List.of(
                BadInput.of("source-password-wrong", CONNECTION, "a wrong source.password", "source.password",
                        "password authentication failed for user 'postgres'",
                        validateSource(c -> c.with("source.password", "wrong"))),
                BadInput.of("source-port-closed", CONNECTION, "a source.port nothing listens on", "source.host",
                        "cannot reach PostgreSQL at 127.0.0.1:",
                        validateSource(c -> c.with("source.port", Integer.toString(FreePorts.pick())))),
                BadInput.of("source-host-unknown", CONNECTION, "a source.host that does not resolve", "source.host",
                        "unknown host 'no-such-host.invalid'",
                        validateSource(c -> c.with("source.host", "no-such-host.invalid"))),
                BadInput.of("source-database-missing", CONNECTION, "a source.database that does not exist",
                        "source.database", "database 'nosuchdb' does not exist",
                        validateSource(c -> c.with("source.database", "nosuchdb"))),
                BadInput.of("source-user-missing", CONNECTION, "a source.user that does not exist", "source.password",
                        "password authentication failed for user 'nosuchuser'",
                        validateSource(c -> c.with("source.user", "nosuchuser"))),
                BadInput.of("source-port-zero", CONNECTION, "source.port 0", "source.port",
                        "must be a port number from 1 to 65535", validateSource(c -> c.with("source.port", "0"))),
                BadInput.of("source-port-too-big", CONNECTION, "source.port 70000", "source.port",
                        "must be a port number from 1 to 65535", validateSource(c -> c.with("source.port", "70000"))),
                BadInput.of("source-port-not-a-number", CONNECTION, "source.port 'abc'", "source.port",
                        "Not a number of type INT", validateSource(c -> c.with("source.port", "abc"))),
                BadInput.of("source-url-malformed-uri", CONNECTION, "a source.url URI with a broken host",
                        "source.url", "malformed connection URI",
                        validateSource(c -> c.with("source.host", null).with("source.url", "postgresql://[::1/db"))),
                BadInput.of("source-url-not-a-connection-string", CONNECTION, "source.url 'hello'", "source.url",
                        "not a connection string", validateSource(c -> c.with("source.host", null)
                                .with("source.url", "hello"))),
                BadInput.of("source-url-unterminated-quote", CONNECTION, "a conninfo with an unterminated quote",
                        "source.url", "unterminated quoted value for 'dbname'",
                        validateSource(c -> c.with("source.host", null).with("source.url", "host=h dbname='x"))),
                BadInput.of("source-url-port-not-a-number", CONNECTION, "a conninfo whose port is not a number",
                        "source.url", "port 'five' is not a number",
                        validateSource(c -> c.with("source.host", null).with("source.url", "host=h port=five dbname=d"))),
                BadInput.of("source-no-host", CONNECTION, "neither source.url nor source.host", "source.host",
                        "set source.host (or source.url)", validateSource(c -> c.with("source.host", null))),
                BadInput.of("source-no-database", CONNECTION, "no source.database", "source.database",
                        "set source.database", validateSource(c -> c.with("source.database", null))),
                BadInput.of("source-no-user", CONNECTION, "no source.user", "source.user", "set source.user",
                        validateSource(c -> c.with("source.user", null))),
                BadInput.of("source-connect-timeout-zero", CONNECTION, "source.connect.timeout.seconds 0",
                        "source.connect.timeout.seconds", "Value must be at least 1",
                        validateSource(c -> c.with("source.connect.timeout.seconds", "0"))),
                BadInput.of("target-password-wrong", CONNECTION, "a wrong target.password", "target.password",
                        "password authentication failed for user 'postgres'",
                        validateSink(c -> c.with("target.password", "wrong"))),
                BadInput.of("target-port-closed", CONNECTION, "a target.port nothing listens on", "target.host",
                        "cannot reach PostgreSQL at 127.0.0.1:",
                        validateSink(c -> c.with("target.port", Integer.toString(FreePorts.pick())))),
                BadInput.of("target-database-missing", CONNECTION, "a target.database that does not exist (and"
                                + " target.database.create off)", "target.database", "database 'nosuchdb' does not exist",
                        validateSink(c -> c.with("target.database", "nosuchdb"))),
                BadInput.of("target-no-user", CONNECTION, "no target.user", "target.user", "set target.user",
                        validateSink(c -> c.with("target.user", null))),
                BadInput.of("source-url-jdbc-without-host", CONNECTION, "a JDBC URL without //host", "source.url",
                        "JDBC URL must look like jdbc:postgresql://host:port/database",
                        validateSource(c -> c.with("source.host", null).with("source.url", "jdbc:postgresql:app"))),
                BadInput.of("target-url-not-a-connection-string", CONNECTION, "target.url 'staging'", "target.url",
                        "not a connection string", validateSink(c -> c.with("target.host", null)
                                .with("target.url", "staging"))),
                BadInput.of("target-port-not-a-number", CONNECTION, "target.port 'abc'", "target.port",
                        "Not a number of type INT", validateSink(c -> c.with("target.port", "abc"))),
                new BadInput("source-user-cannot-read", CONNECTION, "a source.user without SELECT on a cloned table",
                        "source.user", "the source user may not read public.accounts",
                        w -> w.pg.execute("postgres", "CREATE ROLE " + w.prefix + "_blind LOGIN PASSWORD 'blind'"),
                        validateSource(c -> c.with("source.user", c.name().replace("-source", "_blind"))
                                .with("source.password", "blind"))),
                BadInput.of("source-url-unsupported-parameter", CONNECTION, "a driver property outside the allowlist "
                                + "(socketFactory) in source.url", "source.url",
                        "connection parameter 'socketFactory' is not supported",
                        validateSource(c -> c.with("source.host", null)
                                .with("source.url", "jdbc:postgresql://127.0.0.1/d?socketFactory=java.lang.Object"))),
                BadInput.of("source-url-sslmode-unknown", CONNECTION, "sslmode=verify in a conninfo", "source.url",
                        "sslmode='verify' is not one of", validateSource(c -> c.with("source.host", null)
                                .with("source.url", "host=127.0.0.1 dbname=d sslmode=verify"))),
                BadInput.of("source-ssl-mode-unknown", CONNECTION, "source.ssl.mode 'on'", "source.ssl.mode",
                        "String must be one of", validateSource(c -> c.with("source.ssl.mode", "on"))),
                BadInput.of("source-ssl-root-cert-missing", CONNECTION, "a source.ssl.root.cert file that is not there",
                        "source.ssl.root.cert", "file /nonexistent/ca.pem does not exist",
                        validateSource(c -> c.with("source.ssl.mode", "verify-full")
                                .with("source.ssl.root.cert", "/nonexistent/ca.pem"))),
                BadInput.of("source-ssl-key-legacy-form", CONNECTION, "a PKCS#1 PEM client key in source.ssl.key",
                        "source.ssl.key", "openssl pkcs8 -topk8", validateSource(c -> c.with("source.ssl.key",
                                legacyKey().toString()))),
                BadInput.of("source-ssl-required-server-plain", CONNECTION, "source.ssl.mode=require against a server "
                                + "without TLS", "source.ssl.mode", "does not offer TLS",
                        validateSource(c -> c.with("source.ssl.mode", "require"))),
                BadInput.of("target-ssl-cert-missing", CONNECTION, "a target.ssl.cert file that is not there",
                        "target.ssl.cert", "file /nonexistent/client.crt does not exist",
                        validateSink(c -> c.with("target.ssl.cert", "/nonexistent/client.crt"))),
                BadInput.of("target-url-sslrootcert-missing", CONNECTION, "sslrootcert in target.url naming no file",
                        "target.url", "file /nonexistent/root.crt does not exist",
                        validateSink(c -> c.with("target.url", "host=127.0.0.1 dbname=d sslmode=verify-ca "
                                + "sslrootcert=/nonexistent/root.crt"))));
    }

    /** A client key as OpenSSL 1.x wrote it (PKCS#1), which the driver cannot read. */
    private static java.nio.file.Path legacyKey() {
        try {
            java.nio.file.Path f = java.nio.file.Files.createTempFile("pgclone-legacy-", ".key");
            java.nio.file.Files.writeString(f, "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK==\n"
                    + "-----END RSA PRIVATE KEY-----\n");
            f.toFile().deleteOnExit();
            return f;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
