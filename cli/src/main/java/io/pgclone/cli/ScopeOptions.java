package io.pgclone.cli;

import io.pgclone.core.catalog.Catalog;
import io.pgclone.core.catalog.CatalogReader;
import io.pgclone.core.catalog.Scope;
import io.pgclone.core.sql.QualifiedName;
import picocli.CommandLine.Option;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** --table, --schema or --database, and --target-schema, for the commands that look at a clone's tables. */
final class ScopeOptions {
    @Option(names = "--table", paramLabel = "TABLE", description = "A table, schema-qualified (repeatable).")
    List<String> tables;

    @Option(names = "--schema", paramLabel = "SCHEMA", description = "Every table of a schema (repeatable).")
    List<String> schemas;

    @Option(names = "--database", description = "Every table of every user schema.")
    boolean database;

    @Option(names = "--target-schema", paramLabel = "SCHEMA",
            description = "With one --schema: its name on the target (a clone made with --target-schema).")
    String targetSchema;

    CloneScope scope() {
        return CloneScope.of(tables, schemas, database, null, targetSchema);
    }

    /** What the scope covers on the source, read in the connection's current transaction. */
    Catalog read(Connection source) throws SQLException {
        CloneScope s = scope();
        CatalogReader reader = new CatalogReader(source);
        try {
            if (!s.tables().isEmpty()) {
                return reader.read(Scope.tables(s.tables().stream().map(QualifiedName::parse).toList()));
            }
            return reader.read(new Scope(List.of(), s.database() ? List.of() : s.schemas(), s.database(), false,
                    true, true, true, true, true, true));
        } catch (CatalogReader.MissingTableException | CatalogReader.MissingSchemaException e) {
            throw new UserError((s.tables().isEmpty() ? "--schema: " : "--table: ") + e.getMessage());
        }
    }

    /** Where a source table is on the target. */
    UnaryOperator<QualifiedName> targetName() {
        if (targetSchema == null) {
            return UnaryOperator.identity();
        }
        Map<String, String> rename = Map.of(schemas.get(0), targetSchema);
        return n -> rename.containsKey(n.schema()) ? new QualifiedName(rename.get(n.schema()), n.name()) : n;
    }
}
