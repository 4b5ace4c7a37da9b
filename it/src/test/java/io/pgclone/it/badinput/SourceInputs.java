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
                        + " clone reads it", "public.big", "could not obtain lock on relation",
                w -> w.pg.execute(w.source, "CREATE TABLE public.big (id int PRIMARY KEY, pad text);"
                        + " INSERT INTO public.big SELECT g, repeat('x', 500) FROM generate_series(1, 400000) g"),
                new Trial() {
                    @Override
                    public Observed run(World w) throws Exception {
                        return dropWhileCloning(w);
                    }

                    @Override
                    public Leaves leaves() {
                        return Leaves.SOURCE_AS_IT_WAS;
                    }
                }));
    }

    private static Trial.Observed dropWhileCloning(World w) throws Exception {
        ConnectRestClient rest = Servers.stack().worker().rest();
        Connector sink = Trials.sink(w);
        Connector source = Trials.source(w).with("tables", "public.big").with("tasks.max", "1").with("chunk.pages", "500");
        rest.put(sink.name(), sink.config());
        rest.put(source.name(), source.config());
        try (Connection c = w.pg.connect(w.source); Statement st = c.createStatement()) {
            Await.until("the clone to lock public.big", Duration.ofMinutes(1), () -> holdsLock(st));
            c.setAutoCommit(false);
            String refusal = null;
            try {
                // what DROP TABLE needs, asked without waiting and rolled back: the source is never changed here
                st.execute("LOCK TABLE public.big IN ACCESS EXCLUSIVE MODE NOWAIT");
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
            return refusal == null ? null : new Trial.Observed("source", refusal);
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
