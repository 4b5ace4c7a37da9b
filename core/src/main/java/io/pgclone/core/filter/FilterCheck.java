package io.pgclone.core.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgclone.core.sql.QualifiedName;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * Decides on the source server, with its own parser and catalog, whether a row filter may run: the server parses
 * it over the table (names, types), every function it calls and every operator it writes must be IMMUTABLE or
 * STABLE and PARALLEL SAFE in {@code pg_proc} (so no {@code pg_sleep}, {@code pg_terminate_backend},
 * {@code set_config}, {@code lo_export}, {@code dblink_exec}, {@code table_to_xml}...), and the server's plan of the
 * filtered scan reads no relation other than the table (so no subquery on {@code pg_authid}). Functions are
 * checked before anything is planned, because planning may evaluate stable functions with constant arguments.
 *
 * <p>Runs inside the caller's read-only transaction, under a savepoint, so a refused filter leaves the
 * transaction (and an exported snapshot) usable. Never executes the filter.
 */
public final class FilterCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String CANDIDATES = "SELECT p.oid::regprocedure::text, p.provolatile, p.proparallel,"
            + " p.pronargs, p.pronargdefaults, p.provariadic <> 0,"
            + " pg_catalog.array_to_string(p.proargtypes::oid[], ',')"
            + " FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
            + " WHERE p.proname = ? AND CASE WHEN ?::text IS NULL THEN n.nspname = ANY (pg_catalog.current_schemas(true))"
            + " ELSE n.nspname = ? END";
    private static final String OPERATORS = "SELECT o.oprname || ' (' || p.oid::regprocedure::text || ')', p.provolatile,"
            + " p.proparallel FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_proc p ON p.oid = o.oprcode"
            + " WHERE o.oprname = ?";

    private final Connection conn;

    public FilterCheck(Connection conn) {
        this.conn = conn;
    }

    /** Refused: the message says why, naming what the filter calls or reads. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    /**
     * Makes the rest of the transaction resolve names as the session would by default: a filter means what it
     * would mean typed in psql, wherever it runs, even after the catalog reader set {@code search_path = pg_catalog}.
     * Call before checking or reading with a filter.
     */
    public static void useSessionSearchPath(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("SELECT pg_catalog.set_config('search_path', reset_val, true) FROM pg_catalog.pg_settings"
                    + " WHERE name = 'search_path'");
        }
    }

    /** Checks {@code filter} over {@code table}; {@link Refused} says why it may not run. */
    public void check(QualifiedName table, WhereFilter filter) throws Refused, SQLException {
        Savepoint sp = conn.getAutoCommit() ? null : conn.setSavepoint();
        try {
            useSessionSearchPath(conn);
            parses(table, filter);
            Set<String> columns = columns(table);
            for (WhereFilter.Call call : filter.calls()) {
                List<Candidate> all = candidates(call.schema(), call.name());
                if (!all.isEmpty()) {
                    vet("calls", resolve(table, call, all));
                }
            }
            for (String name : filter.attributeNames()) {
                if (!columns.contains(name)) { // t.f is f(t): a function of one argument
                    vet("calls", candidates(null, name).stream().filter(c -> c.takes(1)).toList());
                }
            }
            for (String op : filter.operators()) {
                vet("uses the operator", operators(op));
            }
            readsOnly(table, filter);
        } finally {
            if (sp != null) {
                conn.rollback(sp);
            }
        }
    }

    private Set<String> columns(QualifiedName table) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT attname FROM pg_catalog.pg_attribute"
                + " WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped")) {
            ps.setString(1, table.sql());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** The server's parser and analyzer, without planning: names, types, a boolean result. */
    private void parses(QualifiedName table, WhereFilter filter) throws Refused, SQLException {
        String sql = "SELECT 1 FROM ONLY " + table.sql() + " WHERE (" + filter.preparedSql() + ")";
        Savepoint sp = savepoint();
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.getMetaData(); // Parse + Describe: the statement is analysed, never planned or run
        } catch (SQLException e) {
            rollback(sp);
            if (isConnectionLoss(e)) {
                throw e;
            }
            throw new Refused("is not a valid expression over " + table + ": " + firstLine(e));
        }
    }

    /**
     * The one function the server will call, when the argument types name it exactly; otherwise every form of that
     * name that takes this many arguments (or every form, when none does), all of which must pass.
     */
    private List<Candidate> resolve(QualifiedName table, WhereFilter.Call call, List<Candidate> all) throws SQLException {
        List<String> types = argumentTypes(table, call);
        if (types != null) {
            String wanted = String.join(",", types);
            List<Candidate> exact = all.stream().filter(c -> c.argTypes.equals(wanted)).toList();
            if (!exact.isEmpty()) {
                return exact;
            }
        }
        int n = call.args().size();
        List<Candidate> fitting = all.stream().filter(c -> c.takes(n)).toList();
        return fitting.isEmpty() ? all : fitting;
    }

    /** The OIDs of the argument types as the server's analyzer sees them, or null when it cannot say. */
    private List<String> argumentTypes(QualifiedName table, WhereFilter.Call call) throws SQLException {
        if (call.args().isEmpty()) {
            return List.of();
        }
        StringJoiner cols = new StringJoiner(", ");
        // CASE keeps an argument's type while hiding that it is a column (whose declared type, serial, the
        // driver would report instead).
        call.preparedArgs().forEach(a -> cols.add("CASE WHEN true THEN (" + a + ") END"));
        Savepoint sp = savepoint();
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT " + cols + " FROM ONLY " + table.sql())) {
            ResultSetMetaData md = ps.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                names.add(md.getColumnTypeName(i));
            }
        } catch (SQLException e) {
            rollback(sp);
            if (isConnectionLoss(e)) {
                throw e;
            }
            return null; // not an expression on its own (EXTRACT(year FROM x), count(*), named arguments ...)
        }
        List<String> oids = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT pg_catalog.to_regtype(?)::oid")) {
            for (String n : names) {
                ps.setString(1, n);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    String oid = rs.getString(1);
                    if (oid == null) {
                        return null;
                    }
                    oids.add(oid);
                }
            }
        }
        return oids;
    }

    private List<Candidate> candidates(String schema, String name) throws SQLException {
        List<Candidate> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(CANDIDATES)) {
            ps.setString(1, name);
            ps.setString(2, schema);
            ps.setString(3, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Candidate(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                            rs.getInt(5), rs.getBoolean(6), rs.getString(7)));
                }
            }
        }
        return out;
    }

    private List<Candidate> operators(String op) throws SQLException {
        List<Candidate> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(OPERATORS)) {
            ps.setString(1, op);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Candidate(rs.getString(1), rs.getString(2), rs.getString(3), 0, 0, false, ""));
                }
            }
        }
        return out;
    }

    private static void vet(String verb, List<Candidate> forms) throws Refused {
        for (Candidate c : forms) {
            String why = c.volatility.equals("v") ? "VOLATILE"
                    : c.parallel.equals("r") ? "PARALLEL RESTRICTED" : c.parallel.equals("u") ? "PARALLEL UNSAFE" : null;
            if (why != null) {
                throw new Refused(verb + " " + c.signature + ", which is " + why + ": a filter may call only"
                        + " IMMUTABLE or STABLE, PARALLEL SAFE functions (where one form of a name is not, cast the"
                        + " arguments to the types of the form you mean)");
            }
        }
    }

    /** The plan of the filtered scan scans the table and nothing else. */
    private void readsOnly(QualifiedName table, WhereFilter filter) throws Refused, SQLException {
        JsonNode plan;
        Savepoint sp = savepoint();
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("EXPLAIN (VERBOSE, FORMAT JSON) SELECT 1 FROM ONLY " + table.sql()
                     + " WHERE (" + filter.sql() + ")")) {
            rs.next();
            plan = JSON.readTree(rs.getString(1));
        } catch (SQLException e) {
            rollback(sp);
            if (isConnectionLoss(e)) {
                throw e;
            }
            throw new Refused("cannot be planned over " + table + ": " + firstLine(e));
        } catch (IOException e) {
            throw new SQLException("cannot read the plan of the filter", e);
        }
        Set<String> others = new TreeSet<>();
        relations(plan, table, others);
        if (!others.isEmpty()) {
            throw new Refused("reads " + String.join(", ", others) + ": a filter may read only the table it filters");
        }
    }

    private static void relations(JsonNode node, QualifiedName table, Set<String> others) {
        if (node.isObject() && node.has("Relation Name")) {
            QualifiedName seen = new QualifiedName(node.path("Schema").asText(), node.path("Relation Name").asText());
            if (!seen.equals(table)) {
                others.add(seen.toString());
            }
        }
        node.forEach(child -> relations(child, table, others));
    }

    private Savepoint savepoint() throws SQLException {
        return conn.getAutoCommit() ? null : conn.setSavepoint();
    }

    private void rollback(Savepoint sp) throws SQLException {
        if (sp != null) {
            conn.rollback(sp);
        }
    }

    private static boolean isConnectionLoss(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("08");
    }

    private static String firstLine(SQLException e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** One form of a function (or an operator's function) and what pg_proc says of it. */
    private record Candidate(String signature, String volatility, String parallel, int nargs, int defaults,
                             boolean variadic, String argTypes) {
        boolean takes(int n) {
            return n >= nargs - defaults && (n <= nargs || variadic);
        }
    }
}
