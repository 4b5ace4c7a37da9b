package io.pgclone.core.roles;

import io.pgclone.core.sql.Identifiers;

import java.util.List;

/**
 * A role as the source has it.
 *
 * @param name        its name
 * @param superuser   SUPERUSER
 * @param inherit     INHERIT
 * @param createRole  CREATEROLE
 * @param createDb    CREATEDB
 * @param login       LOGIN
 * @param replication REPLICATION
 * @param bypassRls   BYPASSRLS
 * @param connLimit   CONNECTION LIMIT (-1: none)
 * @param validUntil  VALID UNTIL as the server prints it, or null
 * @param password    the stored password hash (SCRAM or md5), only when asked for and readable; else null
 * @param settings    per-role settings ({@code name=value}) for every database
 * @param dbSettings  per-role settings for the cloned database only
 */
public record Role(String name, boolean superuser, boolean inherit, boolean createRole, boolean createDb, boolean login,
                   boolean replication, boolean bypassRls, int connLimit, String validUntil, String password,
                   List<String> settings, List<String> dbSettings) {

    /** The attribute clause of CREATE/ALTER ROLE, without the password. */
    String attributes() {
        return (superuser ? "SUPERUSER" : "NOSUPERUSER") + (inherit ? " INHERIT" : " NOINHERIT")
                + (createRole ? " CREATEROLE" : " NOCREATEROLE") + (createDb ? " CREATEDB" : " NOCREATEDB")
                + (login ? " LOGIN" : " NOLOGIN") + (replication ? " REPLICATION" : " NOREPLICATION")
                + (bypassRls ? " BYPASSRLS" : " NOBYPASSRLS") + " CONNECTION LIMIT " + connLimit
                + " VALID UNTIL " + (validUntil == null ? "'infinity'" : Identifiers.literal(validUntil));
    }

    /** A membership: {@code member} is a member of {@code role}. */
    public record Membership(String role, String member, boolean admin, Boolean inherit, Boolean set) {
    }

    /** A privilege a cloned role holds on a schema, table, sequence or function. */
    public record Grant(String kind, String object, String privilege, String grantee, boolean grantable) {
        String sql() {
            return "GRANT " + privilege + " ON " + kind + " " + object + " TO " + Identifiers.quote(grantee)
                    + (grantable ? " WITH GRANT OPTION" : "");
        }
    }
}
