package io.pgclone.core.mask;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What must never be seen outside the process for a hash key: the key, its hex, and its HMAC pads (RFC 2104, from
 * which the key is recovered by XOR), computed here independently of {@link HashKey}; for keys up to one block.
 */
final class KeyMaterial {
    private KeyMaterial() {
    }

    static List<String> of(String secret) {
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        return List.of(secret, hex(key, 0, key.length), hex(key, 0x36, 64), hex(key, 0x5c, 64));
    }

    private static String hex(byte[] key, int xor, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(String.format("%02x", ((i < key.length ? key[i] : 0) ^ xor) & 0xff));
        }
        return out.toString();
    }
}
