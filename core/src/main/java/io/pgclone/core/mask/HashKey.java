package io.pgclone.core.mask;

import org.apache.kafka.common.config.ConfigTransformer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The secret of the keyed hash, or none (pgclone's plain MD5): read and checked here, from a setting or a key file,
 * and used here, in Java (HMAC-SHA256) and as SQL. A key that is set must be a real secret: an empty value, a key
 * file without {@code mask.key} or a config-provider reference the worker did not resolve is refused (each would
 * otherwise hash with a key an attacker can guess, or with none). In SQL the HMAC is built from {@code sha256()}
 * (PostgreSQL 11+, no extension) with the key's inner and outer pads, which reach the server only through
 * {@link HashKeySetting}: never in a statement's text. No message, log line or {@code toString} carries the key.
 */
public final class HashKey {
    public static final HashKey NONE = new HashKey(null);
    /** The property of a key file that holds the key, as the worker's file config provider reads it. */
    public static final String FILE_PROPERTY = "mask.key";
    static final int BLOCK = 64; // SHA-256 block size, bytes
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] key;
    /** Digest engines are not thread-safe and costly to set up: one per thread, reused row after row. */
    private final ThreadLocal<Mac> mac;
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> digest("MD5"));

    private HashKey(byte[] key) {
        this.key = key;
        this.mac = key == null ? null : ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(new SecretKeySpec(key, "HmacSHA256"));
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JVM lacks HmacSHA256", e);
            }
        });
    }

    /** A key from its text (UTF-8), for a secret already checked; {@link #fromSetting} checks one. */
    public static HashKey of(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a hash key cannot be empty");
        }
        return new HashKey(secret.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The key a setting gives: none when unset (null), else the checked secret. {@link IllegalArgumentException}
     * naming {@code setting} (never the value) when the value is empty or still holds a {@code ${provider:path:key}}
     * reference: a worker without that provider, or a file without that key, leaves the reference as it is.
     */
    public static HashKey fromSetting(String setting, String value) {
        if (value == null) {
            return NONE;
        }
        String why = refusal(value);
        if (why != null) {
            throw new IllegalArgumentException(setting + ": " + why);
        }
        return of(value);
    }

    /** Why a value set as a hash key cannot be one, or null when it can. Never quotes the value. */
    public static String refusal(String value) {
        if (value.isEmpty()) {
            return "the hash key is empty (leave the setting out for pgclone's plain MD5 hash)";
        }
        if (ConfigTransformer.DEFAULT_PATTERN.matcher(value).find()) {
            return "the hash key is a config provider reference ${provider:path:key} that was not resolved: the"
                    + " worker lacks that provider (config.providers) or the file lacks that key";
        }
        return null;
    }

    /**
     * The key of a key file: a properties file whose {@value #FILE_PROPERTY} is the secret (the file the worker's
     * {@code FileConfigProvider} reads). {@link IllegalArgumentException} naming the file when it cannot be read,
     * has no such property, or its value is refused by {@link #refusal}.
     */
    public static HashKey fromFile(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read " + file + " as a properties file ("
                    + e.getClass().getSimpleName() + ")");
        }
        String value = p.getProperty(FILE_PROPERTY);
        if (value == null) {
            throw new IllegalArgumentException(file + " has no " + FILE_PROPERTY + " property");
        }
        String why = refusal(value);
        if (why != null) {
            throw new IllegalArgumentException(file + ": " + FILE_PROPERTY + ": " + why);
        }
        return of(value);
    }

    public boolean isKeyed() {
        return key != null;
    }

    /** 32 lowercase hex characters: MD5, or the first half of HMAC-SHA256 with a key. */
    public String hex(String value) {
        byte[] data = value.getBytes(StandardCharsets.UTF_8);
        if (key == null) {
            return HEX.formatHex(MD5.get().digest(data));
        }
        return HEX.formatHex(mac.get().doFinal(data), 0, 16);
    }

    /**
     * The same digest as a SQL expression over the text expression {@code e}. With a key, the expression reads the
     * pads from the settings {@link HashKeySetting#set} puts in the transaction: it holds no key material itself.
     */
    public String hexSql(String e) {
        if (key == null) {
            return "md5(" + e + ")";
        }
        return "left(encode(sha256(" + HashKeySetting.OUTER.sql() + " || sha256(" + HashKeySetting.INNER.sql()
                + " || convert_to(" + e + ", 'UTF8'))), 'hex'), 32)";
    }

    /** RFC 2104: the key (hashed first when longer than a block), zero-padded to a block, XOR {@code b}; in hex. */
    String padHex(int b) {
        byte[] k = key.length > BLOCK ? digest("SHA-256").digest(key) : key;
        byte[] out = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            out[i] = (byte) ((i < k.length ? k[i] : 0) ^ b);
        }
        return HEX.formatHex(out);
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM lacks " + algorithm, e);
        }
    }

    @Override
    public String toString() {
        return key == null ? "no key" : "a secret key"; // never the key
    }
}
