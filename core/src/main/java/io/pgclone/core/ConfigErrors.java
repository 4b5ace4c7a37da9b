package io.pgclone.core;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;

/** Attaching live-check errors to the setting they concern, in a {@code Connector.validate} result. */
public final class ConfigErrors {
    private ConfigErrors() {
    }

    public static boolean hasErrors(Config result) {
        return result.configValues().stream().anyMatch(v -> !v.errorMessages().isEmpty());
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
