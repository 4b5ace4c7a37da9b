package io.pgclone.core.mask;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The secret of the keyed hash, or none (pgclone's plain MD5). With a key, the digest is HMAC-SHA256; in SQL it is
 * built from {@code sha256()} (PostgreSQL 11+, no extension needed) with the key's inner and outer pads, which are
 * computed here so the statement never carries the key itself.
 */
public final class HashKey {
    public static final HashKey NONE = new HashKey(null);
    private static final int BLOCK = 64; // SHA-256 block size, bytes
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] key;
    /** Digest engines are not thread-safe and costly to set up: one per thread, reused row after row. */
    private final ThreadLocal<Mac> mac;
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM lacks MD5", e);
        }
    });

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

    /** A key from its text (UTF-8); null or empty means no key. */
    public static HashKey of(String secret) {
        return secret == null || secret.isEmpty() ? NONE : new HashKey(secret.getBytes(StandardCharsets.UTF_8));
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

    /** The same digest as a SQL expression over the text expression {@code e}. */
    public String hexSql(String e) {
        if (key == null) {
            return "md5(" + e + ")";
        }
        return "left(encode(sha256('\\x" + HEX.formatHex(pad(0x5c)) + "'::bytea || sha256('\\x" + HEX.formatHex(pad(0x36))
                + "'::bytea || convert_to(" + e + ", 'UTF8'))), 'hex'), 32)";
    }

    /** RFC 2104: the key (hashed first when longer than a block), zero-padded to a block, XOR {@code b}. */
    private byte[] pad(int b) {
        byte[] k = key;
        if (k.length > BLOCK) {
            try {
                k = MessageDigest.getInstance("SHA-256").digest(k);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        byte[] out = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            out[i] = (byte) ((i < k.length ? k[i] : 0) ^ b);
        }
        return out;
    }

    @Override
    public String toString() {
        return key == null ? "no key" : "a secret key"; // never the key
    }
}
