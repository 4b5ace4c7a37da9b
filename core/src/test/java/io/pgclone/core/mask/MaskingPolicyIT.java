package io.pgclone.core.mask;

import io.pgclone.core.sql.QualifiedName;
import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * masking-policy create then drop leaves a table's grants exactly as they were: PUBLIC gets SELECT back only when it
 * had it, other roles' grants, grant options, grants made by others and column grants are neither removed nor added;
 * views pgclone did not make are never replaced or dropped.
 */
class MaskingPolicyIT {
    private static final QualifiedName PEOPLE = new QualifiedName("app", "people");
    private static final Map<String, MaskStrategy> MASKS = Map.of("email", new MaskStrategy.Email());
    private final PostgresServer pg = Servers.postgres(17);

    private String database() {
        String db = Databases.fresh(pg, "mpol");
        pg.execute("postgres", "DO $$ DECLARE r text; BEGIN FOREACH r IN ARRAY ARRAY['mp_admin', 'mp_admin2', 'mp_reader',"
                + " 'mp_sub', 'mp_writer', 'mp_col', 'mp_late'] LOOP"
                + " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN EXECUTE format('CREATE ROLE %I', r);"
                + " END IF; END LOOP; END $$");
        pg.execute(db, """
                CREATE SCHEMA app;
                GRANT USAGE ON SCHEMA app TO PUBLIC;
                CREATE TABLE app.people (id int PRIMARY KEY, email text, note text);
                INSERT INTO app.people VALUES (1, 'ann@example.org', 'x');
                GRANT SELECT ON app.people TO mp_reader WITH GRANT OPTION;
                GRANT INSERT, UPDATE ON app.people TO mp_writer;
                GRANT SELECT (id, note) ON app.people TO mp_col;
                SET ROLE mp_reader;
                GRANT SELECT ON app.people TO mp_sub;
                RESET ROLE;
                """);
        return db;
    }

    @Test
    void dropRestoresExactlyTheGrantsOfBeforeCreateWhenPublicHadNone() throws Exception {
        String db = database();
        String before = grants(db);
        assertThat(before).doesNotContain("(0,"); // PUBLIC holds nothing
        try (Connection c = pg.connect(db)) {
            Masking.createPolicy(c, PEOPLE, MASKS, "mp_admin");
            assertThat(readable(db, "mp_admin")).isTrue();
            Masking.dropPolicy(c, PEOPLE);
        }
        assertThat(grants(db)).isEqualTo(before);
        assertThat(scalar(db, "SELECT has_table_privilege('public', 'app.people', 'SELECT')")).isEqualTo("f");
        assertThat(scalar(db, "SELECT to_regclass('app.people_masked') IS NULL")).isEqualTo("t");
    }

    @Test
    void dropGivesPublicItsSelectBackAndKeepsWhatOthersGrantedMeanwhile() throws Exception {
        String db = database();
        pg.execute(db, "GRANT SELECT ON app.people TO PUBLIC; GRANT SELECT ON app.people TO mp_admin WITH GRANT OPTION");
        String before = grants(db);
        try (Connection c = pg.connect(db)) {
            Masking.createPolicy(c, PEOPLE, MASKS, "mp_admin"); // mp_admin already reads, with grant option
            assertThat(scalar(db, "SELECT has_table_privilege('public', 'app.people', 'SELECT')")).isEqualTo("f");
            pg.execute(db, "GRANT SELECT ON app.people TO mp_late");
            Masking.dropPolicy(c, PEOPLE);
        }
        assertThat(readable(db, "mp_late")).isTrue();
        pg.execute(db, "REVOKE SELECT ON app.people FROM mp_late");
        assertThat(grants(db)).isEqualTo(before);
    }

    @Test
    void createTwiceThenDropRestoresTheStateOfBeforeTheFirst() throws Exception {
        String db = database();
        String before = grants(db);
        try (Connection c = pg.connect(db)) {
            Masking.createPolicy(c, PEOPLE, MASKS, "mp_admin");
            Masking.createPolicy(c, PEOPLE, Map.of("note", new MaskStrategy.Name()), "mp_admin2");
            assertThat(scalar(db, "SELECT note FROM app.people_masked")).isEqualTo("XXXX");
            Masking.dropPolicy(c, PEOPLE);
        }
        assertThat(grants(db)).isEqualTo(before);
    }

    @Test
    void aViewPgcloneDidNotMakeIsNeitherReplacedNorDropped() throws Exception {
        String db = database();
        pg.execute(db, "CREATE VIEW app.people_masked AS SELECT id FROM app.people");
        String before = grants(db);
        try (Connection c = pg.connect(db)) {
            assertThatThrownBy(() -> Masking.createPolicy(c, PEOPLE, MASKS, "mp_admin"))
                    .hasMessageContaining("app.people_masked was not made by pgclone masking-policy create");
            assertThatThrownBy(() -> Masking.dropPolicy(c, PEOPLE))
                    .hasMessageContaining("app.people_masked was not made by pgclone masking-policy create");
        }
        assertThat(scalar(db, "SELECT pg_get_viewdef('app.people_masked')")).doesNotContain("email");
        assertThat(grants(db)).isEqualTo(before);
        try (Connection c = pg.connect(db)) {
            assertThatThrownBy(() -> Masking.dropPolicy(c, new QualifiedName("app", "nothing")))
                    .hasMessageContaining("there is no masking policy on app.nothing");
        }
    }

    @Test
    void createTakesPublicsColumnGrantsAsItsTableRevokeDoesAndDropGivesThemBack() throws Exception {
        String db = database();
        pg.execute(db, "GRANT SELECT (email) ON app.people TO PUBLIC; GRANT SELECT (note) ON app.people TO mp_admin");
        String before = grants(db);
        try (Connection c = pg.connect(db)) {
            Masking.createPolicy(c, PEOPLE, MASKS, "mp_admin");
            assertThat(scalar(db, "SELECT has_column_privilege('public', 'app.people', 'email', 'SELECT')")).isEqualTo("f");
            Masking.dropPolicy(c, PEOPLE); // its REVOKE from mp_admin takes the column grant too: given back
        }
        assertThat(grants(db)).isEqualTo(before);
    }

    @Test
    void createRefusesATableThatPublicCouldStillReadThroughAnotherGrantor() throws Exception {
        String db = database();
        pg.execute(db, "SET ROLE mp_reader; GRANT SELECT (email) ON app.people TO PUBLIC; RESET ROLE");
        String before = grants(db);
        try (Connection c = pg.connect(db)) {
            assertThatThrownBy(() -> Masking.createPolicy(c, PEOPLE, MASKS, "mp_admin"))
                    .hasMessageContaining("PUBLIC keeps SELECT on columns email of app.people through a grant by mp_reader");
        }
        assertThat(grants(db)).isEqualTo(before);
        pg.execute(db, "SET ROLE mp_reader; GRANT SELECT ON app.people TO PUBLIC; RESET ROLE");
        pg.execute(db, "SET ROLE mp_reader; REVOKE SELECT (email) ON app.people FROM PUBLIC; RESET ROLE");
        String withTableGrant = grants(db);
        try (Connection c = pg.connect(db)) {
            assertThatThrownBy(() -> Masking.createPolicy(c, PEOPLE, MASKS, "mp_admin"))
                    .hasMessageContaining("PUBLIC keeps SELECT on app.people through a grant by mp_reader");
        }
        assertThat(grants(db)).isEqualTo(withTableGrant);
        assertThat(scalar(db, "SELECT to_regclass('app.people_masked') IS NULL")).isEqualTo("t");
    }

    @Test
    void aDamagedRecordIsRefusedAndNothingChanges() throws Exception {
        String db = database();
        try (Connection c = pg.connect(db)) {
            Masking.createPolicy(c, PEOPLE, MASKS, "mp_admin");
        }
        String comment = scalar(db, "SELECT obj_description('app.people_masked'::regclass, 'pg_class')");
        String widened = comment.replace("\"revoked\":[]", "\"revoked\":[{\"grantee\":\"mp_late\",\"grantor\":\"postgres\","
                + "\"privilege\":\"SELECT\",\"grantable\":true}]");
        assertThat(widened).isNotEqualTo(comment);
        pg.execute(db, "COMMENT ON VIEW app.people_masked IS '" + widened.replace("'", "''") + "'");
        String before = grants(db);
        try (Connection c = pg.connect(db)) {
            assertThatThrownBy(() -> Masking.dropPolicy(c, PEOPLE)).hasMessageContaining("is damaged");
        }
        assertThat(grants(db)).isEqualTo(before);
        assertThat(scalar(db, "SELECT to_regclass('app.people_masked') IS NOT NULL")).isEqualTo("t");
    }

    /** Every grant on the table and its columns, sorted: grantee, grantor, privilege, grant option. */
    private String grants(String db) throws SQLException {
        return scalar(db, "SELECT string_agg(g, ' ' ORDER BY g) FROM ("
                + " SELECT format('(%s,%s,%s,%s)', a.grantee, a.grantor, a.privilege_type, a.is_grantable) g"
                + " FROM pg_class c, aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a"
                + " WHERE c.oid = 'app.people'::regclass"
                + " UNION ALL SELECT format('%s:(%s,%s,%s,%s)', t.attname, a.grantee, a.grantor, a.privilege_type,"
                + " a.is_grantable) FROM pg_attribute t, aclexplode(t.attacl) a WHERE t.attrelid = 'app.people'::regclass) s");
    }

    private boolean readable(String db, String role) throws SQLException {
        return scalar(db, "SELECT has_table_privilege('" + role + "', 'app.people', 'SELECT')").equals("t");
    }

    private String scalar(String db, String sql) throws SQLException {
        try (Connection c = pg.connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
