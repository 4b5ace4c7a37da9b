package io.pgclone.core.mask;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * pgclone's sensitive-column name patterns: case-insensitive LIKE patterns ({@code %} any run, {@code _} any one
 * character), tried category by category; the first match decides. IP Address is tried before Address
 * <b>(ours)</b>: otherwise {@code ip_address} would match {@code %address%} and the category could never apply.
 */
public final class SensitiveNames {
    /** A category, its patterns and the strategy it suggests. */
    public record Category(String name, List<String> patterns, MaskStrategy suggested) {
    }

    /** A column name's match: the category, the pattern that matched, the suggestion. */
    public record Match(String category, String pattern, MaskStrategy suggested) {
        public String reason() {
            return "column name matches " + pattern + " (" + category + ")";
        }
    }

    private static final List<Category> CATEGORIES = List.of(
            new Category("Email", List.of("%email%", "%e_mail%"), new MaskStrategy.Email()),
            new Category("PII - Name", List.of("%first_name%", "%last_name%", "%full_name%", "%firstname%", "%lastname%",
                    "%fullname%", "%_name"), new MaskStrategy.Name()),
            new Category("Phone", List.of("%phone%", "%mobile%", "%telephone%", "%fax%"), new MaskStrategy.Phone(0)),
            new Category("National ID", List.of("%ssn%", "%social_security%", "%national_id%", "%tax_id%", "%taxpayer%"),
                    new MaskStrategy.Null()),
            new Category("Financial", List.of("%salary%", "%income%", "%wage%", "%compensation%"),
                    new MaskStrategy.RandomInt(MaskStrategy.RandomInt.DEFAULT_MIN, MaskStrategy.RandomInt.DEFAULT_MAX)),
            new Category("Credential", List.of("%password%", "%passwd%", "%secret%", "%token%", "%api_key%", "%apikey%"),
                    new MaskStrategy.Hash()),
            new Category("IP Address", List.of("%ip_address%", "%ipaddress%"), new MaskStrategy.Hash()),
            new Category("Address", List.of("%address%", "%street%"), new MaskStrategy.Constant("REDACTED", false)),
            new Category("Address", List.of("%zip%", "%zipcode%", "%postal%"), new MaskStrategy.Partial(1, 1)),
            new Category("Date of Birth", List.of("%birth%", "%dob%", "%date_of_birth%"), new MaskStrategy.Null()),
            new Category("Credit Card", List.of("%card_number%", "%credit_card%", "%ccn%", "%cvv%"), new MaskStrategy.Null()));

    private static final List<Pattern[]> COMPILED = CATEGORIES.stream()
            .map(c -> c.patterns().stream().map(SensitiveNames::like).toArray(Pattern[]::new)).toList();

    private SensitiveNames() {
    }

    public static List<Category> categories() {
        return CATEGORIES;
    }

    public static Optional<Match> match(String column) {
        String lower = column.toLowerCase(Locale.ROOT);
        for (int i = 0; i < CATEGORIES.size(); i++) {
            Pattern[] ps = COMPILED.get(i);
            for (int j = 0; j < ps.length; j++) {
                if (ps[j].matcher(lower).matches()) {
                    Category c = CATEGORIES.get(i);
                    return Optional.of(new Match(c.name(), c.patterns().get(j), c.suggested()));
                }
            }
        }
        return Optional.empty();
    }

    /** SQL LIKE as a regular expression. */
    static Pattern like(String pattern) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '%' -> re.append(".*");
                case '_' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    /** Every category's patterns as one SQL condition over {@code expr} (for the report's catalog query). */
    static List<String> allPatterns() {
        List<String> out = new ArrayList<>();
        CATEGORIES.forEach(c -> out.addAll(c.patterns()));
        return out;
    }
}
