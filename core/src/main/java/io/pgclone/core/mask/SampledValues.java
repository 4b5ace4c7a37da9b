package io.pgclone.core.mask;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Recognizes personal data by its values, for columns whose names say nothing: a column is flagged when at least
 * {@link #SHARE} of its sampled non-empty values look like one kind. Checks with a checksum (Luhn for card numbers,
 * mod 97 for IBANs) so that order numbers and the like are not mistaken for them.
 */
public final class SampledValues {
    /** Share of sampled values that must match. */
    public static final double SHARE = 0.8;

    /** A kind of value, the strategy it suggests, and its test. */
    public record Kind(String name, MaskStrategy suggested, Predicate<String> test) {
    }

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}$");
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()./-]{7,20}$");
    private static final Pattern CARD = Pattern.compile("^[0-9]{4}([ -]?[0-9]{2,4}){2,4}[0-9]*$");
    private static final Pattern SSN = Pattern.compile("^(?!000|666|9)[0-9]{3}-(?!00)[0-9]{2}-(?!0000)[0-9]{4}$");
    private static final Pattern IBAN = Pattern.compile("^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$");
    private static final Pattern IPV4 = Pattern.compile("^((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9A-Fa-f:]{2,39}$");

    private static final List<Kind> KINDS = List.of(
            new Kind("Email", new MaskStrategy.Email(), v -> EMAIL.matcher(v).matches()),
            new Kind("Credit Card", new MaskStrategy.Null(), SampledValues::isCardNumber),
            new Kind("National ID (SSN)", new MaskStrategy.Null(), v -> SSN.matcher(v).matches()),
            new Kind("IBAN", new MaskStrategy.Partial(2, 4), SampledValues::isIban),
            new Kind("IP Address", new MaskStrategy.Hash(), v -> IPV4.matcher(v).matches()
                    || (v.contains(":") && v.chars().filter(ch -> ch == ':').count() >= 2 && IPV6.matcher(v).matches())),
            new Kind("Phone", new MaskStrategy.Phone(0), SampledValues::isPhone));

    private SampledValues() {
    }

    public static List<Kind> kinds() {
        return KINDS;
    }

    /** The kind most of these values share, if any. */
    public static Optional<Kind> classify(List<String> values) {
        List<String> present = values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).toList();
        if (present.isEmpty()) {
            return Optional.empty();
        }
        for (Kind k : KINDS) {
            long hits = present.stream().filter(k.test()).count();
            if (hits >= SHARE * present.size()) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** 13 to 19 digits (spaces or dashes between groups) with a valid Luhn check digit. */
    static boolean isCardNumber(String v) {
        if (!CARD.matcher(v).matches()) {
            return false;
        }
        String digits = v.replaceAll("[ -]", "");
        if (digits.length() < 13 || digits.length() > 19) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    /** ISO 13616: country, check digits, account; moved, lettered to numbers, mod 97 is 1. */
    static boolean isIban(String v) {
        String s = v.replace(" ", "").toUpperCase();
        if (!IBAN.matcher(s).matches()) {
            return false;
        }
        String moved = s.substring(4) + s.substring(0, 4);
        StringBuilder digits = new StringBuilder();
        for (char c : moved.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    /** 7 to 15 digits with phone punctuation, and either a leading + or a separator (a bare number is not a phone). */
    static boolean isPhone(String v) {
        if (!PHONE.matcher(v).matches()) {
            return false;
        }
        long digits = v.chars().filter(Character::isDigit).count();
        return digits >= 7 && digits <= 15 && (v.startsWith("+") || v.chars().anyMatch(c -> " ()-./".indexOf(c) >= 0));
    }
}
