package io.pgclone.core.mask;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Compiled phone patterns, once per keep_last value (masking runs per row). */
final class PhonePatterns {
    private static final Map<Integer, Pattern> BY_KEEP_LAST = new ConcurrentHashMap<>();

    private PhonePatterns() {
    }

    static Pattern of(int keepLast, String regex) {
        return BY_KEEP_LAST.computeIfAbsent(keepLast, k -> Pattern.compile(regex));
    }
}
