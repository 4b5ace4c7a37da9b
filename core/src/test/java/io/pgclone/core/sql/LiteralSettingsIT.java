package io.pgclone.core.sql;

import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.Servers;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A literal rendered by {@link Identifiers#literal} reads back as the very value on a real server, with
 * standard_conforming_strings on and off: a comment copied from the source can never end its literal early and
 * run the rest as SQL. Sent with the simple protocol, as a hostile session setting would see it.
 */
class LiteralSettingsIT {
    private static final List<String> HOSTILE = List.of("plain", "it's", "\\", "back\\slash", "\\'; DROP TABLE x; --",
            "x\\''; SELECT 1; --", "E'\\x41'", "\\\\''\\", "tab\there\nnewline", "Łukasz \\ Żółć 😀", "");

    private final PostgresServer pg = Servers.postgres(17);

    @Test
    void literalsReadBackAsTheirValueWhateverStandardConformingStringsSays() throws Exception {
        for (String setting : List.of("on", "off")) {
            try (Connection c = pg.connect("postgres"); Statement st = c.createStatement()) {
                st.execute("SET standard_conforming_strings = " + setting);
                st.execute("SET escape_string_warning = off");
                for (String v : HOSTILE) {
                    // one literal, one column: a literal that ended early would make this text two statements or fail
                    try (ResultSet rs = st.executeQuery("SELECT " + Identifiers.literal(v) + " AS v")) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).as("%s with standard_conforming_strings=%s", v, setting).isEqualTo(v);
                        assertThat(rs.getMetaData().getColumnCount()).isEqualTo(1);
                        assertThat(rs.next()).isFalse();
                    }
                }
            }
        }
    }
}
