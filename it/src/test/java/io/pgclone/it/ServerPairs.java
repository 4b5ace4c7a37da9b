package io.pgclone.it;

import org.junit.jupiter.params.provider.Arguments;

import java.util.Arrays;
import java.util.stream.Stream;

/**
 * Source and target major versions to run against, from the system property {@code pgclone.it.pairs}
 * ({@code 17:17,14:18,18:14} by default; the {@code full-matrix} Maven profile gives all 25 pairs).
 */
final class ServerPairs {
    private ServerPairs() {
    }

    static Stream<Arguments> pairs() {
        String spec = System.getProperty("pgclone.it.pairs", "17:17,14:18,18:14");
        return Arrays.stream(spec.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(s -> {
            String[] p = s.split(":");
            return Arguments.of(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
        });
    }
}
