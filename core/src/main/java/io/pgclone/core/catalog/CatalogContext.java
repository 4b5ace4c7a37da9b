package io.pgclone.core.catalog;

import java.sql.Connection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the parts of one catalog read share: the source connection, the scope, the objects gathered so far with
 * their owners, grants and comments, and the schemas those objects live in.
 */
final class CatalogContext {
    final Connection conn;
    final Scope scope;
    final Objects objects;
    final ObjectMetadata meta;
    /** The schemas of the objects gathered: each is created too (a table scope names no schema). */
    final Set<String> referencedSchemas = new LinkedHashSet<>();

    CatalogContext(Connection conn, Scope scope, Objects objects) {
        this.conn = conn;
        this.scope = scope;
        this.objects = objects;
        this.meta = new ObjectMetadata(conn, scope, objects);
    }
}
