package io.pgclone.it.badinput;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.pgclone.it.badinput.BadInput.Group.TARGET;
import static io.pgclone.it.badinput.Trials.deploy;

/**
 * What only the target can refuse, found once the clone runs: rights it lacks, objects already there, a disk that
 * fills. The clone stops naming the cause; nothing the target held before is changed.
 */
final class TargetInputs {
    private TargetInputs() {
    }

    static List<BadInput> cases() {
        return List.of(
                new BadInput("target-user-cannot-create", TARGET, "a target.user without CREATE on the target database",
                        "target.user", "may not create the state schema pgclone",
                        w -> w.pg.execute("postgres", "CREATE ROLE " + w.prefix + "_weak LOGIN PASSWORD 'weak'"),
                        deploy(c -> c, c -> c.with("target.user", c.name().replace("-sink", "_weak"))
                                .with("target.password", "weak"))),
                new BadInput("target-read-only", TARGET, "a target database that is read-only", "read-only",
                        "is read-only for target.user",
                        w -> w.pg.execute("postgres", "ALTER DATABASE " + w.target + " SET default_transaction_read_only = on"),
                        deploy(c -> c, c -> c)),
                new BadInput("target-table-exists", TARGET, "a table of the clone already on the target (conflict=error)",
                        "public.accounts", "nothing was changed",
                        w -> w.pg.execute(w.target, "CREATE TABLE public.accounts (kept int); INSERT INTO public.accounts VALUES (7)"),
                        deploy(c -> c, c -> c)),
                new BadInput("target-replace-with-outside-view", TARGET, "conflict=replace of a table a view outside the"
                                + " clone depends on", "view accounts_view", "objects outside the clone depend on them",
                        w -> w.pg.execute(w.target, "CREATE TABLE public.accounts (id int); CREATE VIEW public.accounts_view"
                                + " AS SELECT * FROM public.accounts"),
                        deploy(c -> c, c -> c.with("conflict", "replace"))),
                new BadInput("target-disk-full", TARGET, "a target whose disk fills during the load (a 1 MiB tablespace)",
                        "public.big", "No space left on device", TargetInputs::smallDisk,
                        deploy(c -> c.with("tables", "public.big"), c -> c)));
    }

    /** The target database's default tablespace on a 1 MiB tmpfs; a source table of some megabytes. */
    private static void smallDisk(World w) throws Exception {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "pgclone-small-" + w.prefix);
        Files.createDirectories(dir);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", dir.toString())
                .inheritIO().start();
        if (mount.waitFor() != 0) {
            throw new IllegalStateException("cannot mount a 1 MiB tmpfs at " + dir + " (the disk-full case needs root)");
        }
        new ProcessBuilder("chown", "postgres", dir.toString()).inheritIO().start().waitFor();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                w.pg.execute("postgres", "DROP DATABASE IF EXISTS " + w.target + " WITH (FORCE)");
                w.pg.execute("postgres", "DROP TABLESPACE IF EXISTS " + w.prefix + "_small");
                new ProcessBuilder("umount", dir.toString()).start().waitFor();
            } catch (Exception e) {
                // best effort at JVM exit
            }
        }));
        w.pg.execute("postgres", "CREATE TABLESPACE " + w.prefix + "_small LOCATION '" + dir + "'");
        w.pg.execute("postgres", "ALTER DATABASE " + w.target + " SET default_tablespace = " + w.prefix + "_small");
        w.pg.execute(w.source, "CREATE TABLE public.big (id int PRIMARY KEY, pad text);"
                + " INSERT INTO public.big SELECT g, repeat(md5(g::text), 30) FROM generate_series(1, 5000) g");
    }
}
