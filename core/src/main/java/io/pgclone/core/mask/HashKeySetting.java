package io.pgclone.core.mask;

import io.pgclone.core.conn.PgConnections;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * How the SQL form of the keyed hash gets its key: the HMAC's inner and outer pads (as secret as the key) travel as
 * bind parameters of one {@code set_config(..., true)} call and live as transaction-local settings, which the
 * masking expressions read with {@code current_setting}. So no statement text holds key material (statement texts
 * land in {@code pg_stat_activity}, {@code pg_stat_statements} and server logs), and the same expressions serve
 * statements that cannot take parameters, such as COPY. The settings end with the transaction; their values are
 * visible only to the session itself. See docs/decisions/0005-keyed-hash-in-sql.md.
 */
public enum HashKeySetting {
    INNER("pgclone_mask.ipad", 0x36),
    OUTER("pgclone_mask.opad", 0x5c);

    private final String name;
    private final int xor;

    HashKeySetting(String name, int xor) {
        this.name = name;
        this.xor = xor;
    }

    /** The setting's name: a placeholder under our own prefix, which any role may set. */
    public String settingName() {
        return name;
    }

    /**
     * The pad as a bytea expression, evaluated once per statement (an uncorrelated subquery). A setting that was
     * never set fails the statement (unknown parameter); one that was set earlier in the session and has since
     * reverted to empty is padded with a non-hex character so that it fails too, instead of hashing with no key.
     */
    String sql() {
        return "(SELECT decode(rpad(current_setting('" + name + "'), " + 2 * HashKey.BLOCK + ", '-'), 'hex'))";
    }

    /**
     * Puts the key's pads into the current transaction (autocommit must be off: a local setting outside a
     * transaction ends with its statement). First keeps the server from logging bind parameter values, where the
     * role may (a superuser, or PostgreSQL 15+ {@code GRANT SET ON PARAMETER log_parameter_max_length}); a server that
     * logs every statement with its parameters otherwise records the pads: see docs/masking.md.
     */
    public static void set(Connection c, HashKey key) throws SQLException {
        if (!key.isKeyed()) {
            throw new IllegalArgumentException("no hash key to set");
        }
        if (c.getAutoCommit()) {
            throw new IllegalStateException("the hash key settings last one transaction: turn autocommit off first");
        }
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL log_parameter_max_length_on_error = 0");
            if (mayStopParameterLogging(c)) {
                st.execute("SET LOCAL log_parameter_max_length = 0");
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('" + INNER.name + "', ?, true),"
                + " set_config('" + OUTER.name + "', ?, true)")) {
            ps.setString(1, key.padHex(INNER.xor));
            ps.setString(2, key.padHex(OUTER.xor));
            ps.execute();
        }
    }

    private static boolean mayStopParameterLogging(Connection c) throws SQLException {
        String check = PgConnections.majorVersion(c) >= 15
                ? "SELECT has_parameter_privilege('log_parameter_max_length', 'SET')"
                : "SELECT current_setting('is_superuser') = 'on'";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(check)) {
            return rs.next() && rs.getBoolean(1);
        }
    }
}
