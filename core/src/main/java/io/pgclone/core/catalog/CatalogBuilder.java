package io.pgclone.core.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Gathers every object of one scope into {@link Objects}, kind by kind, in the order the parts rely on each other:
 * pre-data of the schemas or tables, then the schemas they live in, post-data, and last the dependencies.
 */
final class CatalogBuilder {
    private final CatalogContext ctx;
    private final SchemaObjects schemas;
    private final TypeObjects types;
    private final FunctionObjects functions;
    private final RelationObjects relations;
    private final TableScope tableScope;
    private final PostDataObjects postData;
    private final DependencyGraph dependencies;

    CatalogBuilder(Connection conn, TableReader tables, Scope scope, Objects objects) {
        this.ctx = new CatalogContext(conn, scope, objects);
        this.schemas = new SchemaObjects(ctx);
        this.types = new TypeObjects(ctx);
        this.functions = new FunctionObjects(ctx);
        this.relations = new RelationObjects(ctx, tables);
        this.tableScope = new TableScope(ctx, relations, types, functions);
        this.postData = new PostDataObjects(ctx, relations);
        this.dependencies = new DependencyGraph(ctx, relations, schemas);
    }

    /**
     * Gathers the objects of the scope: of the schemas {@code schemaNames} for a whole-schema scope, else (unless
     * only functions) of the tables {@code namedTables}. Returns the tables whose rows travel, possibly repeated.
     */
    List<Long> build(Set<String> schemaNames, List<Long> namedTables) throws SQLException {
        Scope scope = ctx.scope;
        List<Long> tableOids = new ArrayList<>();
        if (scope.functionsOnly()) {
            functions.functions(schemaNames, null);
        } else if (scope.wholeSchemas()) {
            schemas.extensions(schemaNames);
            types.collations(schemaNames, null);
            types.types(schemaNames);
            functions.functions(schemaNames, null);
            otherSchemaObjects(schemaNames);
            tableOids.addAll(relations.relations(schemaNames, null));
            UnsupportedObjects.warn(ctx.conn, ctx.objects.warnings, schemaNames, scope.allSchemas());
        } else {
            tableOids.addAll(namedTables);
            tableOids.addAll(TableScope.partitionsOf(ctx.conn, tableOids));
            tableScope.closure(tableOids);
        }
        schemas.schemas(schemaNames, scope.wholeSchemas());
        postData.read(tableOids);
        dependencies.read();
        return tableOids;
    }

    /** Operators and their classes and families, casts, conversions, text search objects of the schemas. */
    private void otherSchemaObjects(Set<String> schemaNames) throws SQLException {
        OperatorObjects.read(ctx.conn, ctx.objects, ctx.meta, schemaNames);
        OperatorClassObjects.read(ctx.conn, ctx.objects, ctx.meta, schemaNames);
        CastObjects.read(ctx.conn, ctx.objects, ctx.meta, schemaNames);
        ConversionObjects.read(ctx.conn, ctx.objects, ctx.meta, schemaNames);
        TextSearchObjects.read(ctx.conn, ctx.objects, ctx.meta, schemaNames);
    }
}
