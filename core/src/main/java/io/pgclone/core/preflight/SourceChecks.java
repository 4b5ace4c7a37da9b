package io.pgclone.core.preflight;

import io.pgclone.core.catalog.TableDef;
import io.pgclone.core.conn.PgConnections;
import io.pgclone.core.sql.SqlErrors;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What the source must allow for a clone of these tables: a supported version, an exported snapshot, SELECT on every
 * table and USAGE on its schema. Read-only; run in a source session (PgConnections.openSource), as validate and
 * {@code pgclone preflight} both do.
 */
public final class SourceChecks {
    public static final int MIN_MAJOR = 14;

    private SourceChecks() {
    }

    public static List<Check> run(Connection source, List<TableDef> tables, String setting) throws SQLException {
        List<Check> out = new ArrayList<>();
        int major = PgConnections.majorVersion(source);
        out.add(major >= MIN_MAJOR ? Check.ok("source.version", "PostgreSQL " + major)
                : new Check("source.version", Check.Level.FAIL, setting, "the source runs PostgreSQL " + major + "; "
                        + MIN_MAJOR + " or newer is required (TID range scans)"));
        // not under a savepoint: a snapshot cannot be exported from a subtransaction
        try (Statement st = source.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_export_snapshot()")) {
            rs.next();
            out.add(Check.ok("source.snapshot", "a snapshot can be exported"));
        } catch (SQLException e) {
            source.rollback(); // the next statement begins a new transaction
            out.add(new Check("source.snapshot", Check.Level.FAIL, setting, "cannot export a snapshot: "
                    + SqlErrors.firstLine(e)));
        }
        List<String> unreadable = new ArrayList<>();
        try (PreparedStatement ps = source.prepareStatement("SELECT has_schema_privilege(?, 'USAGE')"
                + " AND has_table_privilege(?, 'SELECT')")) {
            for (TableDef t : tables) {
                ps.setString(1, t.name().schema());
                ps.setString(2, t.name().sql());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        unreadable.add(t.name().toString());
                    }
                }
            }
        }
        out.add(unreadable.isEmpty() ? Check.ok("source.select", tables.size() + " tables readable")
                : new Check("source.select", Check.Level.FAIL, setting, "the source user may not read "
                        + String.join(", ", unreadable) + " (it needs USAGE on the schema and SELECT on the table)"));
        return out;
    }
}
