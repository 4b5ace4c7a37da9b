package io.pgclone.cli;

import io.pgclone.core.conn.ConnInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CLI's handling of passwords and of the folders it writes: no secret in a config, nothing deleted it did not make. */
class SecretsAtRestTest {
    @TempDir
    Path dir;

    private CloneRequest request(String source, String target) {
        return new CloneRequest(ConnInfo.parse(source), ConnInfo.parse(target), "1 table", List.of("public.t"), "c1",
                "pgclone.c1", 1, 1, Map.of(), Map.of(), Map.of());
    }

    @Test
    void shouldPutEveryParameterButNoSecretIntoTheConnectorConfigs() {
        SecretsFile secrets = new SecretsFile(dir);
        CloneRequest r = request("host=db1 dbname=app user=u password='s3cret pw' sslmode=verify-full "
                        + "sslrootcert=/etc/ca.pem sslpassword=keypass options='-c work_mem=64MB' target_session_attrs=read-write",
                "postgresql://t:tpw@db2:6543/stage?sslmode=require&connect_timeout=4");
        Map<String, String> source = ConnectorConfigs.source(r, secrets);
        Map<String, String> sink = ConnectorConfigs.sink(r, secrets);
        assertThat(String.join(" ", source.values()) + String.join(" ", sink.values()))
                .doesNotContain("s3cret").doesNotContain("keypass").doesNotContain("tpw");
        ConnInfo back = ConnInfo.parse(source.get("source.url"));
        assertThat(back.params()).containsEntry("sslmode", "verify-full").containsEntry("sslrootcert", "/etc/ca.pem")
                .containsEntry("options", "-c work_mem=64MB").containsEntry("targetServerType", "primary");
        assertThat(ConnInfo.parse(sink.get("target.url")).params()).containsEntry("sslmode", "require")
                .containsEntry("connectTimeout", "4");
        assertThat(source.get("source.password")).isEqualTo("${file:" + dir.resolve("secrets.properties") + ":source.password}");
        assertThat(source.get("source.ssl.key.password")).endsWith(":source.ssl.key.password}");
        assertThat(sink.get("target.password")).endsWith(":target.password}");
    }

    @Test
    void shouldKeepTheSecretsFilePrivateAndRemoveIt() throws Exception {
        SecretsFile secrets = new SecretsFile(dir.resolve("run"));
        secrets.reference("source.password", "p@ss word");
        secrets.write();
        Path f = dir.resolve("run/secrets.properties");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newInputStream(f)) {
            p.load(in);
        }
        assertThat(p.getProperty("source.password")).isEqualTo("p@ss word");
        secrets.close();
        assertThat(f).doesNotExist();
    }

    @Test
    void shouldFindThePasswordInTheEnvironmentThenThePasswordFile() {
        ConnInfo none = ConnInfo.parse("host=h dbname=d user=u");
        assertThat(Passwords.complete(none, Map.of("PGPASSWORD", "fromenv")::get, c -> "fromfile").password())
                .isEqualTo("fromenv");
        assertThat(Passwords.complete(none, k -> null, c -> "fromfile").password()).isEqualTo("fromfile");
        assertThat(Passwords.complete(none, k -> null, c -> null).password()).isNull();
        ConnInfo given = ConnInfo.parse("host=h dbname=d user=u password=typed");
        assertThat(Passwords.complete(given, k -> "fromenv", c -> "fromfile").password()).isEqualTo("typed");
    }

    @Test
    void shouldReadPgPassFileNamedByPgJdbcRules() throws Exception {
        Path pgpass = dir.resolve("pgpass");
        Files.writeString(pgpass, "otherhost:*:*:*:wrong\nh:5432:d:u:right\\:colon\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        String before = System.getProperty("org.postgresql.pgpassfile");
        System.setProperty("org.postgresql.pgpassfile", pgpass.toString());
        try {
            assertThat(Passwords.complete(ConnInfo.parse("host=h dbname=d user=u"), k -> null,
                    c -> org.postgresql.jdbcurlresolver.PgPassParser.getPassword(c.host(), "5432", c.database(), c.user()))
                    .password()).isEqualTo("right:colon");
        } finally {
            if (before == null) {
                System.clearProperty("org.postgresql.pgpassfile");
            } else {
                System.setProperty("org.postgresql.pgpassfile", before);
            }
        }
    }

    @Test
    void shouldNeverUseOrDeleteAFolderItDidNotCreate() throws Exception {
        Path users = Files.createDirectories(dir.resolve("my-stuff"));
        Files.writeString(users.resolve("thesis.txt"), "years of work");
        assertThatThrownBy(() -> OwnedDirs.claim(users, "--work-dir"))
                .hasMessageContaining("--work-dir: " + users + " already exists and was not created by pgclone");
        assertThat(OwnedDirs.deleteIfOwned(users)).isFalse();
        assertThat(users.resolve("thesis.txt")).exists();

        Path mine = OwnedDirs.claim(dir.resolve("a/b/clone"), "--work-dir");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(mine))).isEqualTo("rwx------");
        assertThat(OwnedDirs.claim(mine, "--work-dir")).isEqualTo(mine);
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("keep.txt"), "x");
        Files.createSymbolicLink(mine.resolve("link"), outside);
        assertThat(OwnedDirs.deleteIfOwned(mine)).isTrue();
        assertThat(mine).doesNotExist();
        assertThat(outside.resolve("keep.txt")).exists();
    }

    @Test
    void shouldWriteResumedSecretsOnlyIntoTheFolderOfThisRun() throws Exception {
        ConnInfo source = ConnInfo.parse("host=h dbname=d user=u password=again");
        ConnInfo target = ConnInfo.parse("host=t dbname=d user=u password=tpw");
        Path elsewhere = Files.createDirectories(dir.resolve("etc"));
        Files.writeString(elsewhere.resolve("secrets.properties"), "someone=else's\n");
        Map<String, String> hostile = Map.of("source.password",
                "${file:" + elsewhere.resolve("secrets.properties") + ":source.password}");
        assertThatThrownBy(() -> ResumeSecrets.restore(hostile, source, target, dir.resolve("run")))
                .hasMessageContaining("--connect-secrets-dir:");
        assertThatThrownBy(() -> ResumeSecrets.restore(hostile, source, target, null))
                .hasMessageContaining("--connect-secrets-dir:");
        assertThat(Files.readString(elsewhere.resolve("secrets.properties"))).isEqualTo("someone=else's\n");

        Path run = dir.resolve("run");
        Map<String, String> ours = Map.of("source.password", "${file:" + run.resolve("secrets.properties")
                + ":source.password}", "target.password", "${file:" + run.resolve("secrets.properties") + ":target.password}");
        try (SecretsFile secrets = ResumeSecrets.restore(ours, source, target, run)) {
            secrets.write();
            assertThat(Files.readString(run.resolve("secrets.properties"))).contains("source.password=again")
                    .contains("target.password=tpw");
        }
    }

    @Test
    void shouldRefuseCloneIdsThatCouldNameOtherFolders() {
        for (String id : new String[] {"..", "../../etc", "a/b", ".hidden", "x\ny", "", "a b"}) {
            assertThat(CloneHome.isValidId(id)).as(id).isFalse();
            assertThatThrownBy(() -> CloneHome.dir(id, null)).isInstanceOf(UserError.class);
        }
        assertThat(CloneHome.isValidId("clone-1a2b.v2_x")).isTrue();
    }

    @Test
    void shouldAskForAPasswordOnlyWhenTheServerWantsOne() {
        assertThat(ConnectionCheck.wantsPassword(new java.sql.SQLException(
                "The server requested SCRAM-based authentication, but no password was provided.", "08004"))).isTrue();
        assertThat(ConnectionCheck.wantsPassword(new java.sql.SQLException(
                "FATAL: password authentication failed for user \"u\"", "28P01"))).isFalse();
    }
}
