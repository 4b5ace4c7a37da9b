package io.pgclone.core.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Privilege lists across server versions: MAINTAIN exists from PostgreSQL 17 on. */
public final class Privileges {
    private static final Pattern GRANT = Pattern.compile("^(GRANT|REVOKE) (.+?) ON ", Pattern.DOTALL);

    private Privileges() {
    }

    /**
     * GRANT and REVOKE statements (separated by {@code ;\n}, as the catalog writes them) without the MAINTAIN
     * privilege, for a server older than 17; a statement granting only MAINTAIN goes away.
     */
    public static String withoutMaintain(String sql) {
        if (sql == null || !sql.contains("MAINTAIN")) {
            return sql;
        }
        return String.join(";\n", withoutMaintain(List.of(sql.split(";\n"))));
    }

    /** GRANT and REVOKE statements, one each, without the MAINTAIN privilege (for a server older than 17). */
    public static List<String> withoutMaintain(List<String> statements) {
        List<String> kept = new ArrayList<>();
        for (String statement : statements) {
            Matcher m = GRANT.matcher(statement);
            if (m.find()) {
                List<String> privs = new ArrayList<>(List.of(m.group(2).split(", ")));
                if (privs.remove("MAINTAIN")) {
                    if (privs.isEmpty()) {
                        continue;
                    }
                    statement = m.group(1) + " " + String.join(", ", privs) + " ON " + statement.substring(m.end());
                }
            }
            kept.add(statement);
        }
        return kept;
    }
}
