package io.pgclone.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What on the target depends on objects the clone is about to drop, read from {@code pg_depend}. An object goes
 * with everything that depends on it automatically or internally (its indexes, constraints, defaults, triggers, row
 * type, owned sequences: what a plain {@code DROP} removes too); a normal dependency of anything else on that set
 * (a view, a foreign key of another table, a column of this type in an unrelated table, a default calling it) is a
 * dependent outside the clone, which a plain {@code DROP} would refuse and {@code DROP ... CASCADE} would destroy.
 */
final class TargetDependents {
    private TargetDependents() {
    }

    /** An object on the target: its catalog ({@code pg_class}, {@code pg_type}, {@code pg_proc}) and OID. */
    record Ref(String catalog, long oid) {
    }

    /** Descriptions ({@code pg_describe_object}) of what depends on the doomed objects from outside them. */
    static List<String> outside(Connection conn, List<Ref> doomed) throws SQLException {
        List<String> out = new ArrayList<>();
        if (doomed.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = conn.prepareStatement(CLOSURE
                // a view's rule is described as the view
                + " SELECT DISTINCT CASE WHEN d.classid = 'pg_rewrite'::regclass THEN pg_describe_object("
                + "   'pg_class'::regclass, (SELECT ev_class FROM pg_rewrite WHERE oid = d.objid), 0)"
                + "   ELSE pg_describe_object(d.classid, d.objid, d.objsubid) END FROM pg_depend d"
                + " JOIN doomed x ON d.refclassid = x.classid AND d.refobjid = x.objid"
                + " WHERE d.deptype = 'n' AND NOT EXISTS (SELECT 1 FROM doomed y WHERE y.classid = d.classid"
                + "   AND y.objid = d.objid) ORDER BY 1")) {
            bind(conn, ps, doomed);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /**
     * The order to drop them in, one at a time with a plain DROP: an object only after everything of the set that
     * depends on it. Call when {@link #outside} is empty.
     */
    static List<Ref> dropOrder(Connection conn, List<Ref> doomed) throws SQLException {
        List<Ref> left = new ArrayList<>(doomed);
        List<Ref> order = new ArrayList<>();
        while (!left.isEmpty()) {
            Set<Integer> needed = new HashSet<>(); // seeds that others of the set depend on
            try (PreparedStatement ps = conn.prepareStatement(CLOSURE
                    + " SELECT DISTINCT x.n FROM doomed x JOIN pg_depend d ON d.refclassid = x.classid"
                    + " AND d.refobjid = x.objid AND d.deptype = 'n'"
                    + " JOIN doomed y ON y.classid = d.classid AND y.objid = d.objid AND y.n <> x.n")) {
                bind(conn, ps, left);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        needed.add(rs.getInt(1));
                    }
                }
            }
            List<Ref> now = new ArrayList<>();
            for (int i = 0; i < left.size(); i++) {
                if (!needed.contains(i)) {
                    now.add(left.get(i));
                }
            }
            if (now.isEmpty()) {
                order.addAll(left); // a cycle: a plain DROP will say which
                break;
            }
            order.addAll(now);
            left.removeAll(now);
        }
        return order;
    }

    /** The doomed set: the seeds (numbered), and what depends on them automatically or internally. */
    private static final String CLOSURE = "WITH RECURSIVE seeds(n, classid, objid) AS ("
            + " SELECT (s.i - 1)::int, s.c::regclass::oid, s.o FROM unnest(?::text[], ?::oid[]) WITH ORDINALITY"
            + "   AS s(c, o, i)),"
            + " doomed(n, classid, objid) AS (SELECT n, classid, objid FROM seeds UNION"
            + "   SELECT x.n, d.classid, d.objid FROM pg_depend d JOIN doomed x ON d.refclassid = x.classid"
            + "   AND d.refobjid = x.objid WHERE d.deptype IN ('a', 'i'))";

    private static void bind(Connection conn, PreparedStatement ps, List<Ref> refs) throws SQLException {
        ps.setArray(1, conn.createArrayOf("text", refs.stream().map(Ref::catalog).toArray()));
        ps.setArray(2, conn.createArrayOf("bigint", refs.stream().map(Ref::oid).toArray()));
    }
}
