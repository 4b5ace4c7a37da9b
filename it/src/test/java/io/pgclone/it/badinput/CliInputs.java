package io.pgclone.it.badinput;

import io.pgclone.stack.ConnectRestClient;
import io.pgclone.testkit.Servers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.pgclone.it.badinput.BadInput.Group.CLI;
import static io.pgclone.it.badinput.CliTrials.cli;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user types wrong on the {@code pgclone} command line: each answered with exit code 2 and one line naming
 * the option, before any connector is deployed or any object created.
 */
final class CliInputs {
    private CliInputs() {
    }

    static List<BadInput> cases() {
        return List.of(
                BadInput.of("cli-source-password-wrong", CLI, "a --source conninfo with a wrong password", "--source",
                        "password authentication failed", cli(w -> clone(w, "--source", conninfo(w, w.source)
                                .replace("password=", "password=wrong"), "--table", "public.accounts"))),
                BadInput.of("cli-target-unreachable", CLI, "a --target nothing listens on", "--target",
                        "cannot reach PostgreSQL at 127.0.0.1", cli(w -> clone(w, "--target",
                                "postgresql://postgres:postgres@127.0.0.1:1/nowhere", "--table", "public.accounts"))),
                BadInput.of("cli-source-database-missing", CLI, "a --source database that does not exist", "--source",
                        "does not exist", cli(w -> clone(w, "--source", conninfo(w, "nosuchdb"),
                                "--table", "public.accounts"))),
                BadInput.of("cli-source-not-a-conninfo", CLI, "--source 'production'", "--source",
                        "not a connection string", cli(w -> clone(w, "--source", "production", "--table", "public.accounts"))),
                BadInput.of("cli-source-parameter-unsupported", CLI, "a conninfo parameter outside the allowlist"
                        + " (sslfactory)", "--source", "connection parameter 'sslfactory' is not supported",
                        cli(w -> clone(w, "--source", conninfo(w, w.source) + " sslfactory=x.Y", "--table", "public.accounts"))),
                BadInput.of("cli-source-root-cert-missing", CLI, "sslrootcert naming a file that is not there", "--source",
                        "/nonexistent/ca.pem", cli(w -> clone(w, "--source", conninfo(w, w.source)
                                + " sslmode=verify-full sslrootcert=/nonexistent/ca.pem", "--table", "public.accounts"))),
                BadInput.of("cli-source-missing", CLI, "no --source", "--source", "is required",
                        cli(w -> List.of("clone", "--target", conninfo(w, w.target), "--table", "public.accounts"))),
                BadInput.of("cli-no-scope", CLI, "none of --table, --schema, --database", "--table",
                        "exactly one of them", cli(w -> clone(w))),
                BadInput.of("cli-table-and-schema", CLI, "--table and --schema together", "--table",
                        "exactly one of them", cli(w -> clone(w, "--table", "public.accounts", "--schema", "app"))),
                BadInput.of("cli-table-malformed", CLI, "--table 'a.b.c'", "--table", "'a.b.c' is not a table name",
                        cli(w -> clone(w, "--table", "a.b.c"))),
                BadInput.of("cli-target-name-two-tables", CLI, "--target-name with two --table", "--target-name",
                        "give exactly one --table", cli(w -> clone(w, "--table", "public.accounts", "--table",
                                "public.other", "--target-name", "copy"))),
                BadInput.of("cli-target-schema-without-schema", CLI, "--target-schema with --table", "--target-schema",
                        "give exactly one --schema", cli(w -> clone(w, "--table", "public.accounts",
                                "--target-schema", "staging"))),
                BadInput.of("cli-tasks-not-a-number", CLI, "--tasks abc", "--tasks", "'abc' is not an int",
                        cli(w -> clone(w, "--table", "public.accounts", "--tasks", "abc"))),
                BadInput.of("cli-unknown-option", CLI, "an option pgclone does not have (--parallel)", "--parallel",
                        "unknown option", cli(w -> clone(w, "--table", "public.accounts", "--parallel", "4"))),
                BadInput.of("cli-unexpected-argument", CLI, "a stray argument after the options", "extra",
                        "unexpected argument 'extra'", cli(w -> clone(w, "--table", "public.accounts", "extra"))),
                BadInput.of("cli-format-unknown", CLI, "--format xml", "--format", "is none of avro, json, copy",
                        cli(w -> clone(w, "--table", "public.accounts", "--format", "xml"))),
                BadInput.of("cli-conflict-unknown", CLI, "--conflict merge", "--conflict",
                        "is none of error, skip, replace, rename",
                        cli(w -> clone(w, "--table", "public.accounts", "--conflict", "merge"))),
                BadInput.of("cli-options-not-json", CLI, "--options that is not JSON", "--options", "JSON",
                        cli(w -> clone(w, "--table", "public.accounts", "--options", "{indexes: false"))),
                BadInput.of("cli-options-where-two-tables", CLI, "a where in --options with two tables", "--options",
                        "give exactly one --table", cli(w -> clone(w, "--table", "public.accounts", "--table",
                                "public.other", "--options", "{\"where\": \"id > 1\"}"))),
                BadInput.of("cli-clone-id-path", CLI, "--clone-id '../../etc'", "--clone-id", "start with a letter or '_'",
                        cli(w -> clone(w, "--table", "public.accounts", "--clone-id", "../../etc"))),
                BadInput.of("cli-hash-key-without-mask", CLI, "--hash-key-file without a mask", "--hash-key-file",
                        "there is no mask to use it", cli(w -> clone(w, "--table", "public.accounts",
                                "--hash-key-file", keyFile()))),
                BadInput.of("cli-mask-not-json", CLI, "--mask that is not JSON", "--mask", "JSON",
                        cli(w -> clone(w, "--table", "public.accounts", "--mask", "email=hash"))),
                BadInput.of("cli-connect-secrets-dir-alone", CLI, "--connect-secrets-dir without --connect",
                        "--connect-secrets-dir", "only with --connect",
                        cli(w -> clone(w, "--table", "public.accounts", "--connect-secrets-dir", "/tmp"))),
                BadInput.of("cli-work-dir-not-ours", CLI, "--work-dir on a folder pgclone did not create", "--work-dir",
                        "was not created by pgclone", CliInputs::usersOwnWorkDir),
                BadInput.of("cli-connect-plaintext-passwords", CLI, "--connect to a cluster without --connect-secrets-dir"
                        + " (the passwords would go into its config topic)", "--connect", "would be stored in plain text",
                        CliInputs::plainTextToCluster),
                BadInput.of("cli-status-clone-missing", CLI, "pgclone status of a clone id the target does not have",
                        "--clone-id", "no clone nosuch", cli(w -> List.of("status", "--target", conninfo(w, w.target),
                                "--clone-id", "nosuch"))),
                BadInput.of("cli-verify-buckets-zero", CLI, "pgclone verify --buckets 0", "--buckets", "give 1 to 65536",
                        cli(w -> List.of("verify", "--source", conninfo(w, w.source), "--target", conninfo(w, w.target),
                                "--table", "public.accounts", "--buckets", "0"))));
    }

    private static List<String> clone(World w, String... more) {
        List<String> a = new ArrayList<>(List.of("clone", "--source", conninfo(w, w.source), "--target",
                conninfo(w, w.target), "--no-progress"));
        a.addAll(List.of(more));
        // a later --source or --target wins in picocli's single-value options: keep only the last of each
        for (String opt : List.of("--source", "--target")) {
            int first = a.indexOf(opt);
            if (first >= 0 && a.lastIndexOf(opt) != first) {
                a.remove(first + 1);
                a.remove(first);
            }
        }
        return a;
    }

    private static String conninfo(World w, String database) {
        return w.pg.conninfo(database);
    }

    /** A key file as a user keeps one (the mask is what is wrong, not the file). */
    private static String keyFile() {
        try {
            Path f = Files.createTempFile("pgclone-key-", ".properties");
            Files.writeString(f, "mask.key=a-secret-of-some-length\n");
            return f.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A folder of the user's, with a file in it, given as --work-dir: refused, and left as it was. */
    private static Trial.Observed usersOwnWorkDir(World w) throws Exception {
        Path dir = Files.createTempDirectory("users-own-");
        Files.writeString(dir.resolve("notes.txt"), "keep me");
        Trial.Observed seen = cli(x -> clone(x, "--table", "public.accounts", "--work-dir", dir.toString())).run(w);
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).as("the user's folder")
                    .containsExactly("notes.txt");
        }
        assertThat(Files.readString(dir.resolve("notes.txt"))).isEqualTo("keep me");
        return seen;
    }

    /** The shared Connect cluster, given without a secrets folder: refused, and no connector deployed on it. */
    private static Trial.Observed plainTextToCluster(World w) throws Exception {
        ConnectRestClient rest = Servers.stack().worker().rest();
        var before = rest.connectors();
        Trial.Observed seen = cli(x -> clone(x, "--table", "public.accounts", "--connect",
                Servers.stack().worker().url())).run(w);
        assertThat(rest.connectors()).as("the cluster's connectors").isEqualTo(before);
        return seen;
    }
}
