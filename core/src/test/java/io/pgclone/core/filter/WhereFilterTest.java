package io.pgclone.core.filter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The filter is lexed as PostgreSQL lexes it and written back in one canonical form: what the server runs is what
 * the checks saw, whatever the user typed.
 */
class WhereFilterTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "a = E'it\\'s'                    | a = 'it''s'",
            "a = 'it''s'                      | a = 'it''s'",
            "a = 'back\\slash'                | a = E'back\\\\slash'",
            "a = E'tab\\there'                | a = 'tab\there'",
            "body ~ $re$^a;b$re$              | body ~ '^a;b'",
            "body ~ $$x$$                     | body ~ 'x'",
            "a = U&'d\\0061t\\+000061'         | a = 'data'",
            "a = U&'d!0061t' UESCAPE '!'      | a = 'dat'",
            "\"My Col\" > 1 AND x=-1          | \"My Col\" > 1 and x = - 1",
            "a<=b OR a!=b OR a<>b             | a <= b or a != b or a <> b",
            "a = 1 -- trailing comment        | a = 1",
            "a /* one /* nested */ two */ = 1 | a = 1",
            "x::int[] = ARRAY[1,2]            | x :: int [ ] = array [ 1 , 2 ]",
            "flags = B'0101' OR h = X'1f'     | flags = B'0101' or h = X'1f'",
            "n > 1.5e3 AND m < .5             | n > 1.5e3 and m < .5",
            "Ünïcode = 'x'                    | Ünïcode = 'x'",
            "data ? 'key'                     | data ? 'key'",
    })
    void writesTheExpressionBackInOneCanonicalForm(String input, String canonical) {
        WhereFilter f = WhereFilter.parse(input);
        assertThat(f.sql()).isEqualTo(canonical);
        assertThat(WhereFilter.parse(f.sql()).sql()).as("canonical form is stable").isEqualTo(canonical);
    }

    @Test
    void joinsStringsContinuedOverANewlineAsPostgresDoes() {
        assertThat(WhereFilter.parse("a = 'x'\n  'y'").sql()).isEqualTo("a = 'xy'");
    }

    /**
     * Texts that the old keyword checker passed while PostgreSQL would have seen a second statement: an E that
     * ends a name is no E'' string, and a non-letter byte that PostgreSQL takes as part of a name hides no $tag$.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "note = xE'\\' ; DELETE FROM accounts; --'",
            "note = €$q$; DELETE FROM accounts; $q$",
            "id = 1; COMMIT",
            "note = 'a' ;",
    })
    void refusesASemicolonWherePostgresWouldSeeOne(String input) {
        assertThatThrownBy(() -> WhereFilter.parse(input)).hasMessageContaining("semicolon");
    }

    @Test
    void keepsASemicolonThatIsInsideAString() {
        assertThat(WhereFilter.parse("note <> 'a;b' AND x ~ $$;$$").sql()).isEqualTo("note <> 'a;b' and x ~ ';'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "true) UNION (SELECT 1              | closes a parenthesis it did not open",
            "(a                                | parenthesis(es) open",
            "a[1 = 2                           | bracket(s) open",
            "a = 'x                            | unterminated string",
            "a = E'x\\'                         | unterminated E'' string",
            "a = $t$x                          | unterminated $t$ string",
            "\"a = 1                           | unterminated quoted name",
            "a /* = 1                          | unterminated /* comment",
            "id = $1                           | parameter",
            "\"\" = 1                          | zero-length quoted name",
            "a = E'\\000'                       | zero byte",
            "a = 12abc                         | trailing junk",
            "a = N'x'                          | national character",
            "a = B'012'                        | binary bit string",
            "a \\ b                             | unexpected character",
    })
    void refusesWhatCannotBeOneExpressionNamingWhy(String input, String why) {
        assertThatThrownBy(() -> WhereFilter.parse(input)).hasMessageContaining(why);
    }

    @Test
    void refusesAnEmptyFilter() {
        assertThatThrownBy(() -> WhereFilter.parse("  ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> WhereFilter.parse("-- only a comment")).hasMessageContaining("only comments");
    }

    @Test
    void listsTheCallsAttributesAndOperatorsForTheServerToJudge() {
        WhereFilter f = WhereFilter.parse("lower(name) = 'x' AND pg_catalog.now() > t.created"
                + " AND coalesce(a, substr(b, 1, 2)) IS NOT NULL AND (r).city ~~ 'L%'");

        assertThat(f.calls()).extracting(WhereFilter.Call::schema, WhereFilter.Call::name, WhereFilter.Call::args)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(null, "lower", List.of("name")),
                        org.assertj.core.groups.Tuple.tuple("pg_catalog", "now", List.of()),
                        org.assertj.core.groups.Tuple.tuple(null, "coalesce", List.of("a", "substr ( b , 1 , 2 )")),
                        org.assertj.core.groups.Tuple.tuple(null, "substr", List.of("b", "1", "2")),
                        // a key word before a parenthesis is looked up too: pg_proc has no "and", so it passes
                        org.assertj.core.groups.Tuple.tuple(null, "and", List.of("r")));
        assertThat(f.attributeNames()).containsExactly("created", "city");
        assertThat(f.operators()).containsExactly("=", ">", "~~");
    }

    @Test
    void doublesQuestionMarksOfOperatorsForPreparedStatementsOnly() {
        WhereFilter f = WhereFilter.parse("data ?| array['a'] AND note = 'why?'");
        assertThat(f.sql()).isEqualTo("data ?| array [ 'a' ] and note = 'why?'");
        assertThat(f.preparedSql()).isEqualTo("data ??| array [ 'a' ] and note = 'why?'");
    }
}
