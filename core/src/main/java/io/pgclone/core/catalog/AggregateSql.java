package io.pgclone.core.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static io.pgclone.core.sql.Identifiers.literal;

/**
 * {@code CREATE OR REPLACE AGGREGATE} (as {@code pg_get_functiondef} writes functions) from {@code pg_aggregate}, with every option PostgreSQL 14 to 18 keeps (moving-aggregate
 * support, combine and (de)serial functions, final-function modes, sort operator, parallel safety, ordered-set and
 * hypothetical forms). Read under {@code search_path = pg_catalog}, so every function and type comes out qualified.
 */
final class AggregateSql {
    private AggregateSql() {
    }

    static String create(Connection conn, long oid, String qualifiedName) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT pg_get_function_arguments(a.aggfnoid),"
                + " a.aggkind, a.aggtransfn::regproc::text, format_type(a.aggtranstype, NULL), a.aggtransspace,"
                + " nullif(a.aggfinalfn, 0)::regproc::text, a.aggfinalextra, a.aggfinalmodify,"
                + " nullif(a.aggcombinefn, 0)::regproc::text, nullif(a.aggserialfn, 0)::regproc::text,"
                + " nullif(a.aggdeserialfn, 0)::regproc::text, a.agginitval,"
                + " nullif(a.aggmtransfn, 0)::regproc::text, nullif(a.aggminvtransfn, 0)::regproc::text,"
                + " CASE WHEN a.aggmtranstype <> 0 THEN format_type(a.aggmtranstype, NULL) END, a.aggmtransspace,"
                + " nullif(a.aggmfinalfn, 0)::regproc::text, a.aggmfinalextra, a.aggmfinalmodify, a.aggminitval,"
                + " CASE WHEN a.aggsortop <> 0 THEN a.aggsortop::regoper::text END, p.proparallel"
                + " FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid WHERE a.aggfnoid = ?")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("aggregate with OID " + oid + " vanished");
                }
                List<String> opts = new ArrayList<>();
                opts.add("SFUNC = " + rs.getString(3));
                opts.add("STYPE = " + rs.getString(4));
                if (rs.getInt(5) != 0) {
                    opts.add("SSPACE = " + rs.getInt(5));
                }
                finalFunction(opts, "", rs.getString(6), rs.getBoolean(7), rs.getString(8));
                optional(opts, "COMBINEFUNC", rs.getString(9));
                optional(opts, "SERIALFUNC", rs.getString(10));
                optional(opts, "DESERIALFUNC", rs.getString(11));
                if (rs.getString(12) != null) {
                    opts.add("INITCOND = " + literal(rs.getString(12)));
                }
                if (rs.getString(13) != null) {
                    opts.add("MSFUNC = " + rs.getString(13));
                    opts.add("MINVFUNC = " + rs.getString(14));
                    opts.add("MSTYPE = " + rs.getString(15));
                    if (rs.getInt(16) != 0) {
                        opts.add("MSSPACE = " + rs.getInt(16));
                    }
                    finalFunction(opts, "M", rs.getString(17), rs.getBoolean(18), rs.getString(19));
                    if (rs.getString(20) != null) {
                        opts.add("MINITCOND = " + literal(rs.getString(20)));
                    }
                }
                String sortop = rs.getString(21);
                if (sortop != null) {
                    opts.add("SORTOP = OPERATOR(" + sortop + ")");
                }
                switch (rs.getString(22)) {
                    case "s" -> opts.add("PARALLEL = SAFE");
                    case "r" -> opts.add("PARALLEL = RESTRICTED");
                    default -> { }
                }
                if ("h".equals(rs.getString(2))) {
                    opts.add("HYPOTHETICAL");
                }
                return "CREATE OR REPLACE AGGREGATE " + qualifiedName + "(" + arguments(rs.getString(1)) + ") (\n    "
                        + String.join(",\n    ", opts) + "\n)";
            }
        }
    }

    /** An aggregate without arguments is written {@code agg(*)}. */
    private static String arguments(String args) {
        return args.isEmpty() ? "*" : args;
    }

    private static void optional(List<String> opts, String name, String value) {
        if (value != null) {
            opts.add(name + " = " + value);
        }
    }

    /** FINALFUNC / MFINALFUNC with its EXTRA flag and its MODIFY mode where it is not the default for its kind. */
    private static void finalFunction(List<String> opts, String prefix, String fn, boolean extra, String modify) {
        if (fn == null) {
            return;
        }
        opts.add(prefix + "FINALFUNC = " + fn);
        if (extra) {
            opts.add(prefix + "FINALFUNC_EXTRA");
        }
        switch (modify) {
            case "s" -> opts.add(prefix + "FINALFUNC_MODIFY = SHAREABLE");
            case "w" -> opts.add(prefix + "FINALFUNC_MODIFY = READ_WRITE");
            default -> opts.add(prefix + "FINALFUNC_MODIFY = READ_ONLY");
        }
    }
}
