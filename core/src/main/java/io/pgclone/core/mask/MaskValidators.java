package io.pgclone.core.mask;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Config checks of the mask settings, shared by the source connector ({@code mask}, {@code masks},
 * {@code mask.hash.key}) and the Mask transform ({@code mask}, {@code masks}, {@code hash.key}).
 */
public final class MaskValidators {
    private MaskValidators() {
    }

    /** pgclone's mask JSON: column to strategy, or ({@code byTable}) table to that. */
    public static ConfigDef.Validator json(boolean byTable) {
        return (name, value) -> {
            String v = (String) value;
            if (v == null || v.isBlank()) {
                return;
            }
            try {
                if (byTable) {
                    MaskOptions.parseByTable(v, HashKey.NONE);
                } else {
                    MaskOptions.parse(v, HashKey.NONE);
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, v, e.getMessage());
            }
        };
    }

    /** Refuses a key that is no secret (see {@link HashKey#refusal}); the message never holds the value. */
    public static ConfigDef.Validator hashKey() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value instanceof Password p && p.value() != null) {
                    String why = HashKey.refusal(p.value());
                    if (why != null) {
                        throw new ConfigException(name + ": " + why);
                    }
                }
            }

            @Override
            public String toString() {
                return "a secret: not empty, not an unresolved ${provider:path:key}";
            }
        };
    }
}
