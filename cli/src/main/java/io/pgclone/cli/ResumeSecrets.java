package io.pgclone.cli;

import io.pgclone.core.conn.ConnInfo;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * On resume, the secrets a clone's stored connector configs refer to, given again: the {@link SecretsFile} of the
 * first run was removed when it ended, so the passwords come once more from the options, {@code PGPASSWORD}, the
 * password file or a prompt, and are written to the same file for as long as this run lasts.
 */
final class ResumeSecrets {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{file:(.+):((source|target)\\.[a-z.]+)}");

    private ResumeSecrets() {
    }

    /**
     * @param stored the connection settings of both connectors as stored ({@code source.url}, references, ...)
     * @param source the --source option of resume, or null to use the stored source connection
     * @param target the checked --target connection
     * @param folder the only folder the secrets may be written to (the clone's, or --connect-secrets-dir), or null
     *               when none was given
     */
    static SecretsFile restore(Map<String, String> stored, ConnInfo source, ConnInfo target, Path folder) {
        Path file = null;
        SecretsFile secrets = null;
        ConnInfo src = source;
        for (Map.Entry<String, String> e : stored.entrySet()) {
            Matcher m = REFERENCE.matcher(e.getValue());
            if (!m.matches() || !Path.of(m.group(1)).getFileName().toString().equals(SecretsFile.NAME)) {
                continue;
            }
            Path f = Path.of(m.group(1)).toAbsolutePath().normalize();
            // the reference comes from a stored config, which someone else may have written: never follow it elsewhere
            if (folder == null || !f.equals(folder.toAbsolutePath().normalize().resolve(SecretsFile.NAME))) {
                throw new UserError("--connect-secrets-dir: the clone's connectors read their passwords from " + f
                        + "; give that file's folder as --connect-secrets-dir to resume" + (folder == null ? ""
                        : " (it is not in " + folder + ")"));
            }
            if (file != null && !file.equals(f)) {
                throw new UserError("--clone-id: the clone's connectors refer to two secrets files, " + file + " and " + f);
            }
            file = f;
            secrets = secrets == null ? new SecretsFile(f.getParent()) : secrets;
            String key = m.group(2);
            ConnInfo side;
            String option;
            if (key.startsWith("source.")) {
                if (src == null) {
                    src = storedSource(stored);
                }
                side = src;
                option = "--source";
            } else {
                side = target;
                option = "--target";
            }
            String value = key.endsWith(".password") && !key.endsWith("key.password") ? side.password()
                    : side.secretParams().get("sslpassword");
            if (value == null) {
                throw new UserError(option + ": clone was started with " + (key.endsWith("key.password")
                        ? "a client key passphrase (sslpassword)" : "a password") + " for " + side
                        + "; give it again (" + option + " CONNINFO, PGPASSWORD or the password file)");
            }
            secrets.reference(key, value);
        }
        return secrets;
    }

    /** The source as the clone stored it (no secrets), with its password found or asked for as on a first run. */
    private static ConnInfo storedSource(Map<String, String> stored) {
        String url = stored.get("source.url");
        if (url == null) {
            throw new UserError("--source: the clone's source connector has no source.url; give --source again");
        }
        return ConnectionCheck.check("--source", Passwords.complete(ConnInfo.parse(url)));
    }
}
