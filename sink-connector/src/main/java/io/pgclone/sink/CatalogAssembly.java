package io.pgclone.sink;

import io.pgclone.core.catalog.CatalogObject;
import io.pgclone.core.protocol.CatalogDigest;
import io.pgclone.core.protocol.ControlMessage;
import io.pgclone.core.protocol.Manifest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers each clone's catalog from the control topic, clone by clone, and decides what may be applied. Records
 * are grouped by the clone id they carry, never by arrival, so clones whose records interleave on one control
 * topic never mix. A generation is ready only when the objects between its manifest and its catalog-end are
 * exactly those the manifest announced (count and {@link CatalogDigest}) and each carried the manifest's clone id
 * and generation. Everything else is refused with the reason: an object no manifest is gathering, a catalog-end
 * that does not match, a record that is not a control message. Pure logic, no database: the caller applies and
 * reports.
 */
final class CatalogAssembly {

    /** What one record led to. */
    sealed interface Outcome permits Nothing, Ready, Refused {
    }

    /** Nothing to do yet (gathering), or a record with no effect on the target (chunk progress). */
    record Nothing() implements Outcome {
    }

    /** A generation whose catalog is complete and matches its manifest. */
    record Ready(Manifest manifest, List<CatalogObject> objects) implements Outcome {
    }

    /**
     * A record that is not applied. {@code failedClone} names the clone whose gathered generation it spoiled (that
     * generation is then not applied at all), or is null when the record touched no clone being gathered.
     */
    record Refused(String cloneId, String type, String reason, Manifest failedClone) implements Outcome {
    }

    private static final Outcome NOTHING = new Nothing();

    /** One clone's generation being gathered. */
    private static final class Gathering {
        final Manifest manifest;
        final long offset;
        final List<CatalogObject> objects = new ArrayList<>();
        final CatalogDigest.Builder digest = new CatalogDigest.Builder();

        Gathering(Manifest manifest, long offset) {
            this.manifest = manifest;
            this.offset = offset;
        }
    }

    private final Map<String, Gathering> gathering = new LinkedHashMap<>();
    /** Clone to the generation refused mid-way: its remaining records are dropped quietly (already reported). */
    private final Map<String, Integer> spoiled = new LinkedHashMap<>();

    /** Takes the next control record; {@code offset} is its position on the control topic. */
    Outcome accept(ControlMessage m, long offset) {
        String clone = m.cloneId();
        return switch (m.type()) {
            case ControlMessage.MANIFEST -> manifest(m, offset);
            case ControlMessage.OBJECT -> object(m);
            case ControlMessage.CATALOG_END -> catalogEnd(m);
            case ControlMessage.CHUNK_DONE -> NOTHING;
            default -> new Refused(clone, m.type(), "unknown control record type", null);
        };
    }

    /** The offset to resume from: never past a manifest whose catalog is still being gathered. */
    long safeOffset(long next) {
        long safe = next;
        for (Gathering g : gathering.values()) {
            safe = Math.min(safe, g.offset);
        }
        return safe;
    }

    private Outcome manifest(ControlMessage m, long offset) {
        Manifest manifest;
        try {
            manifest = m.bodyAs(Manifest.class);
        } catch (RuntimeException e) {
            return new Refused(m.cloneId(), m.type(), "its body is not a manifest", null);
        }
        if (manifest == null || manifest.cloneId() == null || !manifest.cloneId().equals(m.cloneId())
                || manifest.generation() != m.generation()) {
            return new Refused(m.cloneId(), m.type(), "its body names another clone or generation than the record",
                    null);
        }
        if (manifest.catalog() == null) {
            return new Refused(m.cloneId(), m.type(), "it announces no catalog digest (written by an older source"
                    + " connector?)", null);
        }
        Gathering earlier = gathering.get(m.cloneId());
        if (earlier != null && earlier.manifest.generation() > manifest.generation()) {
            return new Refused(m.cloneId(), m.type(), "generation " + manifest.generation() + " arrived while the newer"
                    + " generation " + earlier.manifest.generation() + " is being gathered", null);
        }
        // A newer manifest of the same clone replaces an unfinished one: its source task started over.
        gathering.put(m.cloneId(), new Gathering(manifest, offset));
        spoiled.remove(m.cloneId());
        return NOTHING;
    }

    private Outcome object(ControlMessage m) {
        if (isSpoiled(m)) {
            return NOTHING;
        }
        Gathering g = gathering.get(m.cloneId());
        if (g == null || g.manifest.generation() != m.generation()) {
            return new Refused(m.cloneId(), m.type(), "no manifest of clone " + m.cloneId() + " generation "
                    + m.generation() + " is being gathered", null);
        }
        CatalogObject o;
        try {
            o = m.bodyAs(CatalogObject.class);
        } catch (RuntimeException e) {
            return spoil(g, m, "its body is not a catalog object");
        }
        if (o == null || g.digest.count() >= g.manifest.catalog().objects()) {
            return spoil(g, m, "the manifest announced " + g.manifest.catalog().objects() + " objects, and this is one"
                    + " more");
        }
        g.digest.add(m.body());
        g.objects.add(o);
        return NOTHING;
    }

    private Outcome catalogEnd(ControlMessage m) {
        if (isSpoiled(m)) {
            spoiled.remove(m.cloneId());
            return NOTHING;
        }
        Gathering g = gathering.get(m.cloneId());
        if (g == null || g.manifest.generation() != m.generation()) {
            return new Refused(m.cloneId(), m.type(), "no manifest of clone " + m.cloneId() + " generation "
                    + m.generation() + " is being gathered", null);
        }
        gathering.remove(m.cloneId());
        CatalogDigest got = g.digest.result();
        if (!got.equals(g.manifest.catalog())) {
            return new Refused(m.cloneId(), m.type(), "the catalog on the control topic does not match its manifest ("
                    + g.manifest.catalog().objects() + " objects announced, " + got.objects() + " received"
                    + (got.objects() == g.manifest.catalog().objects() ? ", with another digest" : "") + ")", g.manifest);
        }
        return new Ready(g.manifest, g.objects);
    }

    private boolean isSpoiled(ControlMessage m) {
        Integer g = spoiled.get(m.cloneId());
        return g != null && g == m.generation();
    }

    /** An object that breaks a clone's gathering: the whole generation is refused, now. */
    private Outcome spoil(Gathering g, ControlMessage m, String why) {
        gathering.remove(m.cloneId());
        spoiled.put(m.cloneId(), m.generation());
        return new Refused(m.cloneId(), m.type(), why, g.manifest);
    }
}
