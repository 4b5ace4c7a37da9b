package io.pgclone.core.conn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A TLS client key file ({@code sslkey}), looked at before PgJDBC reads it, so that a form the driver cannot read is
 * refused in one line that says how to convert it, instead of a handshake failure. PgJDBC reads PKCS#8, as PEM
 * ({@code BEGIN PRIVATE KEY}, what OpenSSL 3 writes by default) or DER (optionally encrypted, with
 * {@code sslpassword}); a PEM key needs its algorithm named, which is read here from the key itself.
 */
final class ClientKeyFile {
    private static final int MAX_BYTES = 1 << 16;
    private static final List<String> ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448");

    private ClientKeyFile() {
    }

    /**
     * The algorithm of a PKCS#8 PEM key, empty for a DER key (which PgJDBC reads by itself).
     *
     * @throws IllegalArgumentException for a missing or unreadable file, or a PEM form PgJDBC cannot read
     */
    static Optional<String> pemAlgorithm(Path file) {
        byte[] bytes = read(file);
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (!text.contains("-----BEGIN ")) {
            return Optional.empty();
        }
        if (text.contains("-----BEGIN RSA PRIVATE KEY-----") || text.contains("-----BEGIN EC PRIVATE KEY-----")
                || text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") || text.contains("Proc-Type: 4,ENCRYPTED")) {
            throw new IllegalArgumentException("client key " + file + " is a PEM form the driver cannot read; "
                    + "convert it once with 'openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem' (or, to "
                    + "keep it encrypted, 'openssl pkcs8 -topk8 -outform DER -in " + file + " -out key.pk8' and "
                    + "give its passphrase as sslpassword)");
        }
        int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("client key " + file + " holds no 'BEGIN PRIVATE KEY' block");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("client key " + file + " is not valid PEM");
        }
        for (String algorithm : ALGORITHMS) {
            try {
                KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                return Optional.of(algorithm);
            } catch (GeneralSecurityException | RuntimeException e) {
                // not this algorithm; try the next
            }
        }
        throw new IllegalArgumentException("client key " + file + " is not an RSA, EC or EdDSA PKCS#8 key");
    }

    private static byte[] read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("client key " + file + " does not exist");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(MAX_BYTES);
        } catch (IOException e) {
            throw new IllegalArgumentException("client key " + file + " cannot be read: " + e.getMessage());
        }
    }
}
