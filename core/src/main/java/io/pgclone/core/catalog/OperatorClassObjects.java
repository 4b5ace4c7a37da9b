package io.pgclone.core.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.pgclone.core.catalog.CatalogSql.notMember;
import static io.pgclone.core.catalog.CatalogSql.qualified;
import static io.pgclone.core.sql.Identifiers.quote;

/**
 * Operator families and classes of the clone's schemas, as pg_dump writes them: each family created empty, then
 * each class with its own operators and support functions ({@code CREATE OPERATOR CLASS ... FAMILY ... AS}), then
 * the family's loose members ({@code ALTER OPERATOR FAMILY ... ADD}), once the classes exist. Members are read
 * through {@code pg_depend}: a class's own members depend on the class, loose ones on the family.
 */
final class OperatorClassObjects {
    static final String PG_OPCLASS = "pg_opclass";
    static final String PG_OPFAMILY = "pg_opfamily";

    private OperatorClassObjects() {
    }

    static void read(Connection conn, Objects objects, ObjectMetadata meta, Set<String> schemas) throws SQLException {
        List<String> familyIds = new ArrayList<>();
        for (String[] f : CatalogQuery.rows(conn, "SELECT f.oid::text, n.nspname, f.opfname, am.amname,"
                + " pg_get_userbyid(f.opfowner), obj_description(f.oid, 'pg_opfamily')"
                + " FROM pg_opfamily f JOIN pg_namespace n ON n.oid = f.opfnamespace JOIN pg_am am ON am.oid = f.opfmethod"
                + " WHERE n.nspname = ANY (?)" + notMember(PG_OPFAMILY, "f.oid") + " ORDER BY 2, 3, 4",
                schemas)) {
            String q = qualified(f[1], f[2]);
            String what = "OPERATOR FAMILY " + q + " USING " + quote(f[3]);
            String id = "operator-family:" + f[1] + "." + f[2] + " USING " + f[3];
            objects.add(Objects.pre("operator-family", id, f[1], f[2], List.of("schema:" + f[1]), "CREATE " + what));
            objects.map(PG_OPFAMILY, Long.parseLong(f[0]), id);
            meta.owner(id, f[1], f[2], what, f[4]);
            meta.comment(id, f[1], f[2], what, f[5]);
            familyIds.add(f[0]);
        }
        List<String> classIds = new ArrayList<>();
        for (String[] c : CatalogQuery.rows(conn, "SELECT c.oid::text, n.nspname, c.opcname, am.amname,"
                + " c.opcdefault::text, format_type(c.opcintype, NULL), format('%I.%I', fn.nspname, f.opfname),"
                + " CASE WHEN c.opckeytype <> 0 THEN format_type(c.opckeytype, NULL) END,"
                + " pg_get_userbyid(c.opcowner), obj_description(c.oid, 'pg_opclass'), f.oid::text"
                + " FROM pg_opclass c JOIN pg_namespace n ON n.oid = c.opcnamespace JOIN pg_am am ON am.oid = c.opcmethod"
                + " JOIN pg_opfamily f ON f.oid = c.opcfamily JOIN pg_namespace fn ON fn.oid = f.opfnamespace"
                + " WHERE n.nspname = ANY (?)" + notMember(PG_OPCLASS, "c.oid") + " ORDER BY 2, 3, 4",
                schemas)) {
            List<String> items = new ArrayList<>();
            if (c[7] != null) {
                items.add("STORAGE " + c[7]);
            }
            items.addAll(members(conn, PG_OPCLASS, c[0], false));
            String q = qualified(c[1], c[2]);
            String what = "OPERATOR CLASS " + q + " USING " + quote(c[3]);
            String id = "operator-class:" + c[1] + "." + c[2] + " USING " + c[3];
            String familyId = objects.identityOf(PG_OPFAMILY, Long.parseLong(c[10]));
            List<String> deps = new ArrayList<>(List.of("schema:" + c[1]));
            if (familyId != null) {
                deps.add(familyId);
            }
            deps.addAll(memberObjects(conn, objects, PG_OPCLASS, c[0]));
            objects.add(Objects.pre("operator-class", id, c[1], c[2], deps, "CREATE OPERATOR CLASS " + q
                    + ("true".equals(c[4]) ? " DEFAULT" : "") + " FOR TYPE " + c[5] + " USING " + quote(c[3])
                    + " FAMILY " + c[6] + " AS " + String.join(", ", items)));
            objects.map(PG_OPCLASS, Long.parseLong(c[0]), id);
            meta.owner(id, c[1], c[2], what, c[8]);
            meta.comment(id, c[1], c[2], what, c[9]);
            classIds.add(id);
        }
        for (String oid : familyIds) {
            String familyId = objects.identityOf(PG_OPFAMILY, Long.parseLong(oid));
            List<String> loose = members(conn, PG_OPFAMILY, oid, true);
            if (loose.isEmpty()) {
                continue;
            }
            String head = objects.byIdentity.get(familyId).statements().get(0).substring("CREATE ".length());
            List<String> deps = new ArrayList<>(List.of(familyId));
            deps.addAll(classIds); // a loose member may need a class's operators in place
            deps.addAll(memberObjects(conn, objects, PG_OPFAMILY, oid));
            objects.add(Objects.pre("operator-family-members", "operator-family-members:" + familyId.substring(
                    familyId.indexOf(':') + 1), objects.byIdentity.get(familyId).schema(),
                    objects.byIdentity.get(familyId).name(), deps, "ALTER " + head + " ADD " + String.join(", ", loose)));
        }
    }

    /** The clone's operators and functions that a class's or family's members are (created before it). */
    private static List<String> memberObjects(Connection conn, Objects objects, String catalog, String oid)
            throws SQLException {
        List<String> out = new ArrayList<>();
        for (String[] r : CatalogQuery.rows(conn, "SELECT 'o', o.amopopr::text FROM pg_amop o JOIN pg_depend d"
                + " ON d.classid = 'pg_amop'::regclass AND d.objid = o.oid AND d.refclassid = '" + catalog + "'::regclass"
                + " AND d.refobjid = ?::oid UNION ALL SELECT 'p', p.amproc::oid::text FROM pg_amproc p JOIN pg_depend d"
                + " ON d.classid = 'pg_amproc'::regclass AND d.objid = p.oid AND d.refclassid = '" + catalog + "'::regclass"
                + " AND d.refobjid = ?::oid", Long.parseLong(oid), Long.parseLong(oid))) {
            String id = objects.identityOf(r[0].equals("o") ? OperatorObjects.PG_OPERATOR : CatalogSql.PG_PROC,
                    Long.parseLong(r[1]));
            if (id != null) {
                out.add(id);
            }
        }
        return out;
    }

    /** The OPERATOR and FUNCTION items that depend on a class (its own) or on a family (loose, deptype 'a'). */
    private static List<String> members(Connection conn, String catalog, String oid, boolean loose) throws SQLException {
        String ref = "d.refclassid = '" + catalog + "'::regclass AND d.refobjid = ?::oid"
                + (loose ? " AND d.deptype = 'a'" : "");
        List<String> out = new ArrayList<>();
        for (String[] r : CatalogQuery.rows(conn, "SELECT 'OPERATOR ' || o.amopstrategy || ' '"
                + " || o.amopopr::regoperator::text"
                + " || CASE WHEN o.amoppurpose = 'o' THEN ' FOR ORDER BY ' || format('%I.%I', sn.nspname, sf.opfname)"
                + "   ELSE '' END"
                + " FROM pg_amop o JOIN pg_depend d ON d.classid = 'pg_amop'::regclass AND d.objid = o.oid AND " + ref
                + " LEFT JOIN pg_opfamily sf ON sf.oid = o.amopsortfamily LEFT JOIN pg_namespace sn ON sn.oid = sf.opfnamespace"
                + " ORDER BY o.amopstrategy, o.amoplefttype, o.amoprighttype", Long.parseLong(oid))) {
            out.add(r[0]);
        }
        for (String[] r : CatalogQuery.rows(conn, "SELECT 'FUNCTION ' || p.amprocnum || ' ('"
                + " || format_type(p.amproclefttype, NULL) || ', ' || format_type(p.amprocrighttype, NULL) || ') '"
                + " || p.amproc::regprocedure::text"
                + " FROM pg_amproc p JOIN pg_depend d ON d.classid = 'pg_amproc'::regclass AND d.objid = p.oid AND " + ref
                + " ORDER BY p.amprocnum, p.amproclefttype, p.amprocrighttype", Long.parseLong(oid))) {
            out.add(r[0]);
        }
        return out;
    }
}
