package io.pgclone.core.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Names written inside text the server parses as names: a dotted name ({@code app."Odd"}, as {@code regclass}
 * input reads it) and a comma-separated list ({@code "$user", app}, as a {@code search_path} value). Unquoted parts
 * fold as the server folds them (ASCII letters only); quoted parts are taken literally.
 */
final class NameList {
    private NameList() {
    }

    /**
     * Reads a dotted name at the start of {@code text} into {@code parts}; returns where it ends, or -1 when the text
     * does not start with one.
     */
    static int parseDotted(String text, List<String> parts) {
        int i = 0;
        while (true) {
            int[] end = new int[1];
            String part = identifier(text, i, end);
            if (part == null) {
                return -1;
            }
            parts.add(part);
            i = end[0];
            if (i < text.length() && text.charAt(i) == '.') {
                i++;
                continue;
            }
            return i;
        }
    }

    /** The names of a comma-separated list (spaces allowed around them), or null when it is not one. */
    static List<String> parseList(String text) {
        List<String> out = new ArrayList<>();
        int i = skipSpace(text, 0);
        if (i == text.length()) {
            return out;
        }
        while (true) {
            int[] end = new int[1];
            String name = identifier(text, i, end);
            if (name == null) {
                return null;
            }
            out.add(name);
            i = skipSpace(text, end[0]);
            if (i == text.length()) {
                return out;
            }
            if (text.charAt(i) != ',') {
                return null;
            }
            i = skipSpace(text, i + 1);
        }
    }

    /** The name as it would be written in such text: quoted unless it is a plain lower-case identifier. */
    static String display(String name) {
        return name.matches("[a-z_][a-z0-9_$]*") ? name : Identifiers.quote(name);
    }

    private static String identifier(String text, int start, int[] end) {
        if (start >= text.length()) {
            return null;
        }
        char c = text.charAt(start);
        if (c == '"') {
            StringBuilder b = new StringBuilder();
            int i = start + 1;
            while (i < text.length()) {
                char q = text.charAt(i);
                if (q == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        b.append('"');
                        i += 2;
                        continue;
                    }
                    end[0] = i + 1;
                    return b.length() == 0 ? null : b.toString();
                }
                b.append(q);
                i++;
            }
            return null;
        }
        if (!SqlTokens.isIdentStart(c)) {
            return null;
        }
        int i = start;
        while (i < text.length() && SqlTokens.isIdentPart(text.charAt(i))) {
            i++;
        }
        end[0] = i;
        return SqlTokens.fold(text.substring(start, i));
    }

    private static int skipSpace(String text, int i) {
        while (i < text.length() && SqlTokens.isSpace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
