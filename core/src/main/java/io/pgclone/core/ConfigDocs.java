package io.pgclone.core;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Markdown reference of a connector's settings, generated from its {@link ConfigDef}, grouped as defined. */
public final class ConfigDocs {
    private ConfigDocs() {
    }

    public static String markdown(String title, String intro, ConfigDef def) {
        Map<String, List<ConfigDef.ConfigKey>> groups = new LinkedHashMap<>();
        for (ConfigDef.ConfigKey k : def.configKeys().values()) {
            if (k.name.startsWith("task.")) {
                continue; // filled in by the connector, never by users
            }
            groups.computeIfAbsent(k.group == null ? "Other" : k.group, g -> new ArrayList<>()).add(k);
        }
        StringBuilder b = new StringBuilder("# ").append(title).append("\n\n").append(intro).append("\n\n")
                .append("<!-- Generated from the ConfigDef by ConfigDocs; do not edit by hand. -->\n");
        groups.forEach((group, keys) -> {
            keys.sort((a, c) -> Integer.compare(a.orderInGroup, c.orderInGroup));
            b.append("\n## ").append(group).append("\n\n| setting | type | default | importance | description |\n")
                    .append("|---|---|---|---|---|\n");
            for (ConfigDef.ConfigKey k : keys) {
                b.append("| `").append(k.name).append("` | ").append(k.type.name().toLowerCase()).append(" | ")
                        .append(defaultOf(k)).append(" | ").append(k.importance.name().toLowerCase()).append(" | ")
                        .append(k.documentation.replace("|", "\\|")).append(" |\n");
            }
        });
        return b.toString();
    }

    private static String defaultOf(ConfigDef.ConfigKey k) {
        if (!k.hasDefault()) {
            return "required";
        }
        Object v = k.defaultValue;
        if (v == null || v instanceof Password) {
            return "";
        }
        String s = v instanceof List<?> l ? String.join(",", l.stream().map(Object::toString).toList()) : v.toString();
        return s.isEmpty() ? "" : "`" + s + "`";
    }
}
