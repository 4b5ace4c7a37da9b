package io.pgclone.core.preflight;

/**
 * One preflight finding.
 *
 * @param name    what was checked, e.g. {@code source.select}
 * @param level   {@code OK}; {@code WARN}: the clone runs and leaves something out or differs; {@code FAIL}: it
 *                cannot succeed
 * @param setting the setting or option to look at, or null
 * @param message what was found, in one line
 */
public record Check(String name, Level level, String setting, String message) {

    public enum Level { OK, WARN, FAIL }

    static Check ok(String name, String message) {
        return new Check(name, Level.OK, null, message);
    }
}
