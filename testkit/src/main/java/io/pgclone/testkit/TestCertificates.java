package io.pgclone.testkit;

import io.pgclone.stack.TlsFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates for TLS tests, made with the openssl command as a DBA would make them: a CA, a server certificate for
 * 127.0.0.1 and localhost, a client certificate for the {@code postgres} user with an EC key (PKCS#8 PEM, OpenSSL 3's
 * default), the same key in the legacy SEC1 form, and a second, unrelated CA that signed nothing here.
 */
public final class TestCertificates {
    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    public static TestCertificates create(Path dir) {
        try {
            Files.createDirectories(dir);
            TestCertificates c = new TestCertificates(dir);
            c.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
                    "-days", "3", "-subj", "/CN=pgclone test CA");
            c.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other-ca.key", "-out",
                    "other-ca.crt", "-days", "3", "-subj", "/CN=some other CA");
            c.openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                    "-subj", "/CN=localhost");
            Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
            c.openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                    "-out", "server.crt", "-days", "3", "-extfile", "server.ext");
            c.openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                    "client.key", "-out", "client.csr", "-subj", "/CN=postgres");
            c.openssl("x509", "-req", "-in", "client.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                    "-out", "client.crt", "-days", "3");
            c.openssl("pkey", "-in", "client.key", "-traditional", "-out", "client-sec1.key");
            for (String key : List.of("ca.key", "other-ca.key", "server.key", "client.key", "client-sec1.key")) {
                Files.setPosixFilePermissions(dir.resolve(key), PosixFilePermissions.fromString("rw-------"));
            }
            if (!Files.readString(dir.resolve("client.key")).contains("BEGIN PRIVATE KEY")) {
                throw new IllegalStateException("openssl did not write a PKCS#8 client key");
            }
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files a server needs, and those its clients use. */
    public TlsFiles files() {
        return new TlsFiles(ca(), dir.resolve("server.crt"), dir.resolve("server.key"), clientCert(), clientKey(), "EC");
    }

    public Path ca() {
        return dir.resolve("ca.crt");
    }

    public Path otherCa() {
        return dir.resolve("other-ca.crt");
    }

    public Path clientCert() {
        return dir.resolve("client.crt");
    }

    public Path clientKey() {
        return dir.resolve("client.key");
    }

    /** The client key in OpenSSL's legacy form ({@code BEGIN EC PRIVATE KEY}). */
    public Path legacyClientKey() {
        return dir.resolve("client-sec1.key");
    }

    private void openssl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the openssl command is needed for TLS tests (apt-get install openssl)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
