package io.pgclone.core.types;

/** Turns one field of COPY text output (unescaped, never null) into a Connect value or a {@link Special}. */
@FunctionalInterface
public interface ValueDecoder {
    Object decode(String text);
}
