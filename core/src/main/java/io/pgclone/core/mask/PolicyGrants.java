package io.pgclone.core.mask;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.pgclone.core.sql.Identifiers;
import io.pgclone.core.sql.QualifiedName;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.pgclone.core.sql.Identifiers.quote;

/**
 * What {@code masking-policy create} changed in a table's privileges, so that {@code drop} undoes exactly that and
 * nothing else: the grants create removed (SELECT of PUBLIC, on the table and, as a table REVOKE does, on its
 * columns) and the grants it added (SELECT of the privileged role), each with its grantor and grant option, as
 * {@code aclexplode} shows them before and after. Kept as JSON in
 * the masking view's comment (docs/decisions/0006-masking-policy-grant-record.md): it lives and dies with the view
 * and only the view's owner can change it. Drop reads it as untrusted input all the same and accepts only changes of
 * the shapes create makes: giving PUBLIC back its SELECT, and revoking SELECT grants (which never widens access).
 *
 * @param revoked the grants create removed: drop gives them back
 * @param granted the grants create added: drop revokes them
 */
record PolicyGrants(Set<Grant> revoked, Set<Grant> granted) {
    /** The start of the view comment that marks a view as a masking policy made by pgclone. */
    static final String MARK = "pgclone masking policy; drop restores the table's grants from this record: ";
    static final String PUBLIC = "PUBLIC";

    /** One ACL item, of the table ({@code column} null) or of one column; {@code grantee} is a role or {@link #PUBLIC}. */
    record Grant(String column, String grantee, String grantor, String privilege, boolean grantable)
            implements Comparable<Grant> {
        private static final Comparator<Grant> ORDER = Comparator.comparing(Grant::column,
                        Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(Grant::grantee)
                .thenComparing(Grant::grantor).thenComparing(Grant::privilege).thenComparing(Grant::grantable);

        @Override
        public int compareTo(Grant o) {
            return ORDER.compare(this, o);
        }

        @Override
        public String toString() {
            return privilege + (column == null ? "" : " (" + column + ")") + " to " + grantee + " by " + grantor
                    + (grantable ? " with grant option" : "");
        }
    }

    /** The JSON in the comment. */
    private record Record(String schema, String table, List<Grant> revoked, List<Grant> granted) {
    }

    PolicyGrants {
        revoked = new TreeSet<>(revoked);
        granted = new TreeSet<>(granted);
    }

    /**
     * Every grant on {@code table} and on its columns (the owner's default ones too while the table's ACL is still
     * the default).
     */
    static Set<Grant> read(Connection c, QualifiedName table) throws SQLException {
        Set<Grant> out = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT g.col, CASE WHEN g.grantee = 0 THEN 'PUBLIC'"
                + " ELSE pg_get_userbyid(g.grantee) END, pg_get_userbyid(g.grantor), g.privilege_type, g.is_grantable"
                + " FROM (SELECT NULL::name AS col, a.* FROM pg_class c,"
                + " aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a WHERE c.oid = CAST(? AS regclass)"
                + " UNION ALL SELECT t.attname, a.* FROM pg_attribute t, aclexplode(t.attacl) a"
                + " WHERE t.attrelid = CAST(? AS regclass) AND t.attnum > 0 AND NOT t.attisdropped) g")) {
            ps.setString(1, table.sql());
            ps.setString(2, table.sql());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Grant(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getBoolean(5)));
                }
            }
        }
        return out;
    }

    /** The changes from {@code before} to {@code after}, on top of the ones an earlier create recorded. */
    static PolicyGrants between(Set<Grant> before, Set<Grant> after, PolicyGrants earlier) {
        Set<Grant> removed = new TreeSet<>(before);
        removed.removeAll(after);
        Set<Grant> added = new TreeSet<>(after);
        added.removeAll(before);
        Set<Grant> revoked = new TreeSet<>(earlier.revoked);
        revoked.removeAll(added); // given back since: nothing left to restore
        removed.stream().filter(g -> !earlier.granted.contains(g)).forEach(revoked::add);
        Set<Grant> granted = new TreeSet<>(earlier.granted);
        granted.removeAll(removed);
        added.stream().filter(g -> !earlier.revoked.contains(g)).forEach(granted::add);
        return new PolicyGrants(revoked, granted);
    }

    static PolicyGrants none() {
        return new PolicyGrants(Set.of(), Set.of());
    }

    /** The view comment that records these changes for {@code table}. */
    String comment(QualifiedName table) {
        try {
            return MARK + MaskOptions.JSON.writeValueAsString(new Record(table.schema(), table.name(),
                    List.copyOf(revoked), List.copyOf(granted)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The record of the masking view {@code view} of {@code table}, or empty when there is no such relation.
     * {@link IllegalArgumentException} when the relation exists but is not a masking view pgclone made, or its record
     * is damaged or does not fit what create records: it is left as it is.
     */
    static Optional<PolicyGrants> ofView(Connection c, QualifiedName view, QualifiedName table) throws SQLException {
        String comment;
        try (PreparedStatement ps = c.prepareStatement("SELECT c.relkind, obj_description(c.oid, 'pg_class')"
                + " FROM pg_class c WHERE c.oid = to_regclass(?)")) {
            ps.setString(1, view.sql());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                if (!"v".equals(rs.getString(1))) {
                    throw new IllegalArgumentException(view + " exists and is not a view: left as it is");
                }
                comment = rs.getString(2);
            }
        }
        if (comment == null || !comment.startsWith(MARK)) {
            throw new IllegalArgumentException("view " + view + " was not made by pgclone masking-policy create (its"
                    + " comment has no policy record): left as it is");
        }
        Record r;
        try {
            r = MaskOptions.JSON.readValue(comment.substring(MARK.length()), Record.class);
        } catch (JsonProcessingException e) {
            throw damaged(view, "not valid JSON");
        }
        if (r.revoked() == null || r.granted() == null || !table.equals(new QualifiedName(r.schema(), r.table()))) {
            throw damaged(view, "it names another table or lacks its grant lists");
        }
        for (Grant g : r.revoked()) { // create only takes SELECT away from PUBLIC, which never holds a grant option
            if (g == null || !PUBLIC.equals(g.grantee()) || !"SELECT".equals(g.privilege()) || g.grantable()
                    || g.grantor() == null) {
                throw damaged(view, "it would give back a grant create never takes");
            }
        }
        for (Grant g : r.granted()) { // create grants SELECT on the table, never on columns
            if (g == null || g.grantee() == null || g.grantor() == null || !"SELECT".equals(g.privilege())
                    || g.column() != null) {
                throw damaged(view, "it would revoke a grant create never makes");
            }
        }
        return Optional.of(new PolicyGrants(Set.copyOf(r.revoked()), Set.copyOf(r.granted())));
    }

    private static IllegalArgumentException damaged(QualifiedName view, String why) {
        return new IllegalArgumentException("the policy record in the comment of view " + view + " is damaged (" + why
                + "): left as it is");
    }

    /**
     * Gives back what create revoked and revokes what it granted, then checks that the table's grants are exactly
     * those of before create plus whatever others changed since; {@link IllegalStateException} otherwise (the caller
     * rolls back), e.g. when drop runs as a role whose grants are recorded under another grantor. A table REVOKE
     * takes the role's column grants of the same grantor with it: those are given back.
     */
    void undo(Connection c, QualifiedName table) throws SQLException {
        Set<Grant> expected = read(c, table);
        expected.removeAll(granted);
        expected.addAll(revoked);
        try (Statement st = c.createStatement()) {
            if (revoked.stream().anyMatch(g -> g.column() == null)) {
                st.execute("GRANT SELECT ON " + table.sql() + " TO PUBLIC");
            }
            String columns = revoked.stream().map(Grant::column).filter(Objects::nonNull).map(Identifiers::quote)
                    .collect(Collectors.joining(", "));
            if (!columns.isEmpty()) {
                st.execute("GRANT SELECT (" + columns + ") ON " + table.sql() + " TO PUBLIC");
            }
            Set<String> grantees = granted.stream().map(Grant::grantee).collect(Collectors.toCollection(TreeSet::new));
            for (String grantee : grantees) {
                st.execute("REVOKE SELECT ON " + table.sql() + " FROM " + role(grantee));
            }
            Set<Grant> lost = new TreeSet<>(expected);
            lost.removeAll(read(c, table));
            for (Grant g : lost) {
                if (g.column() != null && grantees.contains(g.grantee()) && g.privilege().equals("SELECT")) {
                    st.execute("GRANT SELECT (" + quote(g.column()) + ") ON " + table.sql() + " TO " + role(g.grantee())
                            + (g.grantable() ? " WITH GRANT OPTION" : ""));
                }
            }
        }
        Set<Grant> actual = read(c, table);
        if (!actual.equals(expected)) {
            Set<Grant> missing = new TreeSet<>(expected);
            missing.removeAll(actual);
            Set<Grant> extra = new TreeSet<>(actual);
            extra.removeAll(expected);
            throw new IllegalStateException("cannot restore the grants on " + table + " exactly as they were before"
                    + " create (missing: " + missing + "; extra: " + extra + "): run drop as the role that ran create"
                    + " (the grantor above) or as the table's owner; nothing was changed");
        }
    }

    private static String role(String grantee) {
        return PUBLIC.equals(grantee) ? PUBLIC : quote(grantee);
    }

    /** The roles that hold SELECT on the whole table per {@code grants}, PUBLIC apart. */
    static String readers(Set<Grant> grants) {
        return grants.stream().filter(g -> g.column() == null && g.privilege().equals("SELECT")
                        && !g.grantee().equals(PUBLIC))
                .map(Grant::grantee).distinct().sorted().collect(Collectors.joining(", "));
    }
}
