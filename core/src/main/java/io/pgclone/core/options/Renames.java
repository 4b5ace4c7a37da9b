package io.pgclone.core.options;

import io.pgclone.core.sql.Identifiers;
import io.pgclone.core.sql.QualifiedName;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the rename settings ({@code rename.tables}, {@code rename.schemas}) into the names the target gets. One
 * parser for every place that reads them (the sink connector's config, the CLI), so a name means
 * the same everywhere: a pair splits at the first {@code :} outside double quotes; table names follow
 * {@link QualifiedName#parse} (unquoted parts fold, quoted ones keep dots, spaces, colons and case); a bare target
 * table name stays in the source table's schema. Names the server would truncate (over 63 bytes), empty names and
 * two sources given one target are refused, naming the pair.
 */
public final class Renames {
    private Renames() {
    }

    /** A table created under another name: {@code from} on the source, {@code to} on the target. */
    public record TableRename(QualifiedName from, QualifiedName to) {
    }

    /** {@code schema.table:new_name} or {@code schema.table:schema.new_name} pairs. */
    /** Checks a rename.tables ({@code tables}) or rename.schemas setting when the connector's config is validated. */
    public static ConfigDef.Validator validator(boolean tables) {
        return (name, value) -> {
            try {
                List<String> pairs = SettingLists.split((String) value);
                if (tables) {
                    tables(pairs);
                } else {
                    schemas(pairs);
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        };
    }

    public static List<TableRename> tables(List<String> pairs) {
        List<TableRename> out = new ArrayList<>();
        Map<QualifiedName, String> targets = new HashMap<>();
        for (String pair : pairs) {
            String[] sides = split(pair);
            QualifiedName from = parse(sides[0], pair);
            QualifiedName to = sides[1].contains(".") && isQualified(sides[1])
                    ? parse(sides[1], pair) : new QualifiedName(from.schema(), parse(sides[1], pair).name());
            String earlier = targets.putIfAbsent(to, pair);
            if (earlier != null) {
                throw new IllegalArgumentException("'" + pair + "' and '" + earlier + "' both create " + to);
            }
            out.add(new TableRename(from, to));
        }
        return out;
    }

    /**
     * {@code source:target} schema pairs. Schema names are taken as written (as the {@code schemas} setting takes
     * them): no folding, no quotes.
     */
    public static Map<String, String> schemas(List<String> pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, String> targets = new HashMap<>();
        for (String pair : pairs) {
            int colon = pair.lastIndexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                throw new IllegalArgumentException("'" + pair + "' is not source:target");
            }
            String from = pair.substring(0, colon);
            String to = pair.substring(colon + 1);
            for (String name : new String[] {from, to}) {
                if (!Identifiers.fits(name)) {
                    throw new IllegalArgumentException("schema name '" + name + "' in '" + pair + "' is "
                            + Identifiers.bytes(name) + " bytes long; PostgreSQL names hold at most "
                            + Identifiers.MAX_NAME_BYTES + " bytes");
                }
            }
            String earlier = targets.putIfAbsent(to, pair);
            if (earlier != null) {
                throw new IllegalArgumentException("'" + pair + "' and '" + earlier + "' both create schema " + to);
            }
            out.put(from, to);
        }
        return out;
    }

    private static String[] split(String pair) {
        boolean quoted = false;
        for (int i = 0; i < pair.length(); i++) {
            char c = pair.charAt(i);
            if (c == '"') {
                quoted = !quoted; // a doubled quote toggles twice
            } else if (c == ':' && !quoted) {
                if (i == 0 || i == pair.length() - 1) {
                    break;
                }
                return new String[] {pair.substring(0, i), pair.substring(i + 1)};
            }
        }
        throw new IllegalArgumentException("'" + pair + "' is not source:target (schema.table:new_name)");
    }

    /** Whether a target names a schema too: a dot outside double quotes. */
    private static boolean isQualified(String name) {
        boolean quoted = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                return true;
            }
        }
        return false;
    }

    private static QualifiedName parse(String name, String pair) {
        try {
            return QualifiedName.parse(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + pair + "': " + e.getMessage());
        }
    }
}
