package io.pgclone.stack;

import java.nio.file.Path;

/**
 * PEM files of a TLS setup: the CA both sides trust, the server's certificate and key, and a client certificate and
 * key for the {@code postgres} user (PKCS#8 PEM, of the algorithm named: PgJDBC must be told it).
 */
public record TlsFiles(Path ca, Path serverCert, Path serverKey, Path clientCert, Path clientKey,
                       String clientKeyAlgorithm) {
}
