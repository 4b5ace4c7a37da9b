package io.pgclone.core.catalog;

import java.sql.Connection;
import java.util.Set;

/** One part of a catalog read: it gathers one family of objects with what the {@link CatalogContext} shares. */
abstract class CatalogPart {
    final Connection conn;
    final Scope scope;
    final Objects objects;
    final ObjectMetadata meta;
    final Set<String> referencedSchemas;

    CatalogPart(CatalogContext ctx) {
        this.conn = ctx.conn;
        this.scope = ctx.scope;
        this.objects = ctx.objects;
        this.meta = ctx.meta;
        this.referencedSchemas = ctx.referencedSchemas;
    }
}
