package io.pgclone.it;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code static final String NAME = "..." + "...";} constants of a Java source file whose value is made of string
 * literals only: how the corpus test reads the rows Debezium's own tests insert into its test schemas. A constant
 * built from anything else (a method call, another constant) is left out rather than guessed.
 */
final class JavaStringConstants {
    private static final Pattern DECLARATION = Pattern.compile("static\\s+final\\s+String\\s+(\\w+)\\s*=");

    private JavaStringConstants() {
    }

    /** Constants whose name matches {@code name}, in file order. */
    static Map<String, String> read(String source, Pattern name) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = DECLARATION.matcher(source);
        while (m.find()) {
            if (!name.matcher(m.group(1)).matches()) {
                continue;
            }
            String value = literalsUpToSemicolon(source, m.end());
            if (value != null) {
                out.put(m.group(1), value);
            }
        }
        return out;
    }

    /** The concatenated literals from {@code i} to the next {@code ;}; null when anything else is in between. */
    private static String literalsUpToSemicolon(String s, int i) {
        StringBuilder value = new StringBuilder();
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || c == '+') {
                i++;
            } else if (c == ';') {
                return value.toString();
            } else if (c == '"') {
                i = literal(s, i + 1, value);
                if (i < 0) {
                    return null;
                }
            } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
                i = s.indexOf('\n', i);
                if (i < 0) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return null;
    }

    /** Appends one literal's value (after its opening quote at {@code i}); the index after its closing quote. */
    private static int literal(String s, int i, StringBuilder out) {
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == '"') {
                return i;
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i >= s.length()) {
                return -1;
            }
            char e = s.charAt(i++);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 's' -> out.append(' ');
                case '0' -> out.append('\0');
                case '"', '\'', '\\' -> out.append(e);
                case 'u' -> {
                    while (i < s.length() && s.charAt(i) == 'u') {
                        i++;
                    }
                    if (i + 4 > s.length()) {
                        return -1;
                    }
                    out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    i += 4;
                }
                default -> {
                    return -1; // octal escapes and the like: not in the files this reads
                }
            }
        }
        return -1;
    }
}
