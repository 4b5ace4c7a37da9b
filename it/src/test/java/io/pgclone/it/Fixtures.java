package io.pgclone.it;

import io.pgclone.stack.PostgresServer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** SQL fixtures from src/test/resources/fixtures, and the roles they use. */
final class Fixtures {
    private Fixtures() {
    }

    static String read(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("fixture " + name + " not found", e);
        }
    }

    /** The DDL fixture for what both servers support. */
    static void loadDdl(PostgresServer source, String db, int oldestMajor) throws SQLException {
        run(source, db, read("ddl-14.sql"));
        if (oldestMajor >= 15) {
            run(source, db, read("ddl-15.sql"));
        }
        if (oldestMajor >= 18) {
            run(source, db, read("ddl-18.sql"));
        }
    }

    static void run(PostgresServer pg, String db, String sql) throws SQLException {
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** Roles are server-wide: created once per server, on both sides, like clone_roles would. */
    static void roles(PostgresServer... servers) throws SQLException {
        for (PostgresServer pg : servers) {
            run(pg, "postgres", "DO $$ BEGIN"
                    + " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_owner') THEN CREATE ROLE app_owner; END IF;"
                    + " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_reader') THEN CREATE ROLE app_reader; END IF;"
                    + " END $$");
        }
    }
}
