package io.pgclone.it.badinput;

import io.pgclone.stack.ConnectRestClient;
import io.pgclone.testkit.Await;
import io.pgclone.testkit.CloneJobs;
import io.pgclone.testkit.ConfigFiles.Connector;
import io.pgclone.testkit.Servers;
import io.pgclone.testkit.TableComparison;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static io.pgclone.it.badinput.BadInput.Group.SOURCE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What another session does to the source while a clone reads it. The clone holds ACCESS SHARE on every table it
 * reads, so a DROP or an ALTER of a table waits for the clone (here: is refused at once, NOWAIT) and the clone ends
 * exact, instead of reading around it.
 */
final class SourceInputs {
    private SourceInputs() {
    }

    static List<BadInput> cases() {
        return List.of(new BadInput("source-table-dropped-mid-clone", SOURCE, "another session drops a table while the"
                        + " clone reads it", "public.big", "could not obtain lock on relation", SourceInputs::bigTable,
                new Trial() {
                    @Override
                    public Observed run(World w) throws Exception {
                        return dropWhileCloning(w);
                    }

                    @Override
                    public Leaves leaves() {
                        return Leaves.SOURCE_AS_IT_WAS;
                    }
                }),
                new BadInput("source-table-altered-mid-clone", SOURCE, "another session adds a column to a table while"
                        + " the clone reads it", "public.big", "canceling statement due to lock timeout",
                        SourceInputs::bigTable, new Trial() {
                    @Override
                    public Observed run(World w) throws Exception {
                        return whileCloning(w, "SET lock_timeout = '2s'; ALTER TABLE public.big ADD COLUMN extra int");
                    }

                    @Override
                    public Leaves leaves() {
                        return Leaves.SOURCE_AS_IT_WAS;
                    }
                }),
                new BadInput("source-row-over-message-limit", SOURCE, "a row larger than the producer's max.request.size",
                        "max.request.size", "larger than 100000",
                        w -> w.pg.execute(w.source, "INSERT INTO public.accounts (id, email, note)"
                                + " SELECT 1000, 'big@example.com', string_agg(md5(g::text), '') FROM generate_series(1, 10000) g"),
                        Trials.deploy(c -> c.with("producer.override.max.request.size", "100000"), c -> c)),
                new BadInput("source-type-unknown-to-target", SOURCE, "a column of a base type defined outside any"
                        + " extension (C or internal functions)", "public.odd", "myint",
                        w -> w.pg.execute(w.source, "CREATE TYPE public.myint;"
                                + " CREATE FUNCTION public.myint_in(cstring) RETURNS public.myint LANGUAGE internal"
                                + " IMMUTABLE STRICT AS 'int4in';"
                                + " CREATE FUNCTION public.myint_out(public.myint) RETURNS cstring LANGUAGE internal"
                                + " IMMUTABLE STRICT AS 'int4out';"
                                + " CREATE TYPE public.myint (INPUT = public.myint_in, OUTPUT = public.myint_out, LIKE = int4);"
                                + " CREATE TABLE public.odd (id int PRIMARY KEY, v public.myint);"
                                + " INSERT INTO public.odd VALUES (1, '42')"),
                        Trials.deploy(c -> c.with("tables", "public.odd"), c -> c)));
    }

    private static void bigTable(World w) {
        w.pg.execute(w.source, "CREATE TABLE public.big (id int PRIMARY KEY, pad text);"
                + " INSERT INTO public.big SELECT g, repeat('x', 500) FROM generate_series(1, 400000) g");
    }

    private static Trial.Observed dropWhileCloning(World w) throws Exception {
        return whileCloning(w, "LOCK TABLE public.big IN ACCESS EXCLUSIVE MODE NOWAIT");
    }

    /**
     * Runs {@code ddl} from another session, in a transaction rolled back whatever happens (the source is never
     * changed here), while the clone holds its locks; the clone must go on and end exact.
     */
    private static Trial.Observed whileCloning(World w, String ddl) throws Exception {
        ConnectRestClient rest = Servers.stack().worker().rest();
        Connector sink = Trials.sink(w);
        Connector source = Trials.source(w).with("tables", "public.big").with("tasks.max", "1").with("chunk.pages", "500");
        rest.put(sink.name(), sink.config());
        rest.put(source.name(), source.config());
        try (Connection c = w.pg.connect(w.source); Statement st = c.createStatement()) {
            Await.until("the clone to lock public.big", Duration.ofMinutes(1), () -> holdsLock(st));
            c.setAutoCommit(false);
            String refusal = null;
            String refused = null;
            try {
                for (String statement : ddl.split("; ")) {
                    refused = statement;
                    st.execute(statement);
                }
            } catch (SQLException e) {
                refusal = e.getMessage().lines().findFirst().orElse("");
            }
            c.rollback();
            c.setAutoCommit(true);
            CloneJobs.awaitDone(w.pg, w.target, w.prefix, Duration.ofMinutes(3), rest, List.of(source.name(), sink.name()));
            try (Connection t = w.pg.connect(w.target)) {
                assertThat(TableComparison.checksum(t, "public.big")).as("the clone went on, exact")
                        .isEqualTo(TableComparison.checksum(c, "public.big"));
            }
            // where: the other session's statement the source refused
            return refusal == null ? null : new Trial.Observed(refused, refusal);
        } finally {
            rest.delete(source.name());
            rest.delete(sink.name());
        }
    }

    private static boolean holdsLock(Statement st) {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.relation = 'public.big'::regclass AND l.mode = 'AccessShareLock' AND l.granted"
                + " AND a.application_name LIKE 'pgclone snapshot%'")) {
            rs.next();
            return rs.getLong(1) > 0;
        } catch (SQLException e) {
            return false;
        }
    }
}
