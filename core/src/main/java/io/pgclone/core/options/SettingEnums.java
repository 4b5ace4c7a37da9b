package io.pgclone.core.options;

import java.util.Arrays;
import java.util.Locale;

/** The one spelling of a setting whose values are an enum: the constant's name in lower case. */
public final class SettingEnums {
    private SettingEnums() {
    }

    /** The values a setting accepts, for ConfigDef.ValidString and the docs. */
    public static <E extends Enum<E>> String[] settings(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(SettingEnums::setting).toArray(String[]::new);
    }

    public static String setting(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The constant a setting's (validated) value names. */
    public static <E extends Enum<E>> E parse(Class<E> type, String setting) {
        for (E e : type.getEnumConstants()) {
            if (setting(e).equals(setting.strip())) {
                return e;
            }
        }
        throw new IllegalArgumentException("'" + setting + "' is none of " + String.join(", ", settings(type)));
    }
}
