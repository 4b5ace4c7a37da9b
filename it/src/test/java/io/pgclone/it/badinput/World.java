package io.pgclone.it.badinput;

import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import org.apache.kafka.clients.admin.Admin;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one case runs against: a fresh source database with the catalogue's fixture, a fresh target database, and
 * a topic prefix of its own; and a fingerprint of all three, taken before and after the case, so that the case
 * can show it left them as they were.
 */
public final class World {
    private static final AtomicInteger RUN = new AtomicInteger();

    /** Tables with ordinary and hostile names, a function for attribute notation, a second schema. */
    static final String FIXTURE = """
            CREATE TABLE public.accounts (id int PRIMARY KEY, email text NOT NULL, note text, salary int,
              created_at timestamptz DEFAULT now(), data jsonb);
            INSERT INTO public.accounts SELECT g, 'u' || g || '@example.com', 'n' || g, 1000 + g, now(), '{}'
              FROM generate_series(1, 20) g;
            CREATE TABLE public.other (id int);
            INSERT INTO public.other VALUES (1);
            CREATE TABLE public."a.b" (id int);
            CREATE TABLE public.a_b (id int);
            CREATE SCHEMA app;
            CREATE TABLE app.t (id int PRIMARY KEY);
            CREATE FUNCTION public.leak(public.accounts) RETURNS boolean VOLATILE LANGUAGE sql AS 'SELECT true';
            """;

    final PostgresServer pg;
    final String source;
    final String target;
    final String prefix;

    private World(PostgresServer pg, String source, String target, String prefix) {
        this.pg = pg;
        this.source = source;
        this.target = target;
        this.prefix = prefix;
    }

    static World create() {
        PostgresServer pg = Servers.postgres(17);
        String src = Databases.fresh(pg, "bad");
        String tgt = Databases.fresh(pg, "badt");
        pg.execute(src, FIXTURE);
        return new World(pg, src, tgt, "bad" + ProcessHandle.current().pid() + "x" + RUN.incrementAndGet());
    }

    /** The catalog and the content of a database: every relation, column and function, every row. */
    String fingerprint(String database) throws Exception {
        return fingerprint(database, "");
    }

    /** The target's objects outside the clone's own state schema, one line each. */
    java.util.List<String> targetObjects() throws Exception {
        return fingerprint(target, "pgclone").lines().filter(l -> !l.isBlank()).toList();
    }

    private String fingerprint(String database, String exceptSchema) throws Exception {
        String skip = "'pg_catalog', 'information_schema', 'pg_toast'" + (exceptSchema.isEmpty() ? "" : ", '" + exceptSchema + "'");
        StringBuilder b = new StringBuilder();
        try (Connection c = pg.connect(database); Statement st = c.createStatement()) {
            st.execute("SET statement_timeout = 0");
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT n.nspname, c.relname, c.relkind, c.relfilenode, c.relacl::text,"
                    + " (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull,"
                    + " ', ' ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0"
                    + " AND NOT a.attisdropped), quote_ident(n.nspname) || '.' || quote_ident(c.relname)"
                    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname NOT IN (" + skip + ") ORDER BY 1, 2")) {
                while (rs.next()) {
                    b.append(rs.getString(1)).append('.').append(rs.getString(2)).append(' ').append(rs.getString(3))
                            .append(" file ").append(rs.getString(4)).append(" acl ").append(rs.getString(5))
                            .append(" (").append(rs.getString(6)).append(")\n");
                    if (rs.getString(3).equals("r")) {
                        tables.add(rs.getString(7));
                    }
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT p.oid::regprocedure::text || ' ' || md5(p.prosrc) || ' '"
                    + " || coalesce(p.proacl::text, '') FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                    + " WHERE n.nspname NOT IN (" + skip + ") ORDER BY 1")) {
                while (rs.next()) {
                    b.append("function ").append(rs.getString(1)).append('\n');
                }
            }
            for (String t : tables) {
                try (ResultSet rs = st.executeQuery("SELECT count(*), md5(coalesce(string_agg(md5(x::text), '' ORDER BY"
                        + " md5(x::text)), '')) FROM " + t + " x")) {
                    rs.next();
                    b.append(t).append(' ').append(rs.getLong(1)).append(" rows ").append(rs.getString(2)).append('\n');
                }
            }
        }
        return b.toString();
    }

    /** Topics of this world's prefix. */
    TreeSet<String> topics() throws Exception {
        try (Admin admin = Servers.stack().broker().admin()) {
            TreeSet<String> out = new TreeSet<>();
            admin.listTopics().names().get().stream().filter(t -> t.startsWith(prefix + ".")).forEach(out::add);
            return out;
        }
    }
}
