package io.pgclone.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What a manifest announces of the catalog that follows it on the control topic: how many objects, and the SHA-256
 * of their bodies in order. The sink applies a generation only when the objects it gathered between the manifest
 * and its catalog-end are exactly these, so an object produced onto the control topic by anyone else, or records of
 * two clones interleaved, can never be applied as part of a clone. (It proves integrity, not origin: who may write
 * to the topic is decided by Kafka ACLs.)
 *
 * <p>Each body is digested in one canonical form, the protocol's JSON of the body's tree, so the digest is the same
 * whichever converter carried the record (a struct with a JSON string body, or JSON bytes).
 *
 * @param objects how many catalog objects follow the manifest
 * @param sha256  hex SHA-256 over each object's canonical JSON, each preceded by its length (4 bytes, big-endian)
 */
public record CatalogDigest(int objects, String sha256) {

    public static CatalogDigest of(List<?> bodies) {
        Builder b = new Builder();
        bodies.forEach(o -> b.add(ControlMessage.JSON.valueToTree(o)));
        return b.result();
    }

    /** Digests bodies as they arrive. */
    public static final class Builder {
        private final MessageDigest sha = newDigest();
        private int count;

        public void add(JsonNode body) {
            byte[] canonical;
            try {
                // through bytes and back, as the sink receives it: numbers and text exactly as any reader sees them
                canonical = ControlMessage.JSON.writeValueAsBytes(
                        ControlMessage.JSON.readTree(ControlMessage.JSON.writeValueAsBytes(body)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot encode a catalog object", e);
            }
            sha.update(ByteBuffer.allocate(4).putInt(canonical.length).array());
            sha.update(canonical);
            count++;
        }

        public int count() {
            return count;
        }

        public CatalogDigest result() {
            return new CatalogDigest(count, HexFormat.of().formatHex(sha.digest()));
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
