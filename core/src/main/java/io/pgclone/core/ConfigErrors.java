package io.pgclone.core;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;

/** Attaching live-check errors to the setting they concern, in a {@code Connector.validate} result. */
public final class ConfigErrors {
    private ConfigErrors() {
    }

    public static boolean hasErrors(Config result) {
        return result.configValues().stream().anyMatch(v -> !v.errorMessages().isEmpty());
    }

    /**
     * The setting a {@link org.apache.kafka.common.config.ConfigException} is about (its message says "Invalid value
     * ... for configuration KEY: ..."), or {@code fallback}.
     */
    public static String keyOf(ConfigException e, String fallback) {
        String m = String.valueOf(e.getMessage());
        int i = m.indexOf(" for configuration ");
        if (i < 0) {
            return fallback;
        }
        String rest = m.substring(i + " for configuration ".length());
        int end = rest.indexOf(':');
        int space = rest.indexOf(' ');
        int cut = end < 0 ? space : space < 0 ? end : Math.min(end, space);
        return cut < 0 ? rest : rest.substring(0, cut);
    }

    /** Adds {@code message} to the value of {@code key}, adding that value when the result lacks it. */
    public static void attach(Config result, String key, String message) {
        for (ConfigValue v : result.configValues()) {
            if (v.name().equals(key)) {
                v.addErrorMessage(message);
                return;
            }
        }
        ConfigValue v = new ConfigValue(key);
        v.addErrorMessage(message);
        result.configValues().add(v);
    }
}
