package io.pgclone.it.badinput;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives a case's input to the packaged {@code pgclone} command (cli/target/pgclone.jar, run as a user runs it) and
 * reads its answer: exit code 2 and one stderr line {@code error: --option: what is wrong}.
 */
final class CliTrials {
    private static final Pattern OPTION = Pattern.compile("^error: (--[a-z-]+)[:=]");

    private CliTrials() {
    }

    /** {@code pgclone} with the arguments {@code args} builds for the world (its source and target conninfo). */
    static Trial cli(Function<World, List<String>> args) {
        return w -> {
            List<String> a = args.apply(w);
            Path jar = Path.of(System.getProperty("pgclone.cli.home", "../cli/target"), "pgclone.jar");
            // a private home: the command must not find (or leave) anything in the user's ~/.pgclone
            Path home = java.nio.file.Files.createTempDirectory("pgclone-cli-home-");
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Duser.home=" + home, "-jar", jar.toString()));
            cmd.addAll(a);
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().put("HOME", home.toString());
            pb.environment().remove("PGPASSWORD");
            pb.environment().remove("PGPASSFILE");
            Process p = pb.start();
            p.getOutputStream().close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread o = new Thread(() -> copy(p.getInputStream(), out));
            Thread e = new Thread(() -> copy(p.getErrorStream(), err));
            o.start();
            e.start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("pgclone " + a + " did not finish in 300 s: " + out.toString(StandardCharsets.UTF_8));
            }
            o.join();
            e.join();
            String stderr = err.toString(StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 2) {
                throw new AssertionError("pgclone " + a + " exited " + p.exitValue() + ", not 2 (bad input); stderr: "
                        + stderr + "; stdout: " + out.toString(StandardCharsets.UTF_8));
            }
            Matcher m = OPTION.matcher(stderr);
            return new Trial.Observed(m.find() ? m.group(1) : "", stderr);
        };
    }

    private static void copy(InputStream in, OutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the process ended
        }
    }
}
