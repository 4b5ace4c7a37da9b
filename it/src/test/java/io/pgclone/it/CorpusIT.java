package io.pgclone.it;

import io.pgclone.core.catalog.Catalog;
import io.pgclone.core.catalog.CatalogDiff;
import io.pgclone.core.catalog.TableDef;
import io.pgclone.stack.PostgresServer;
import io.pgclone.testkit.Databases;
import io.pgclone.testkit.Servers;
import io.pgclone.testkit.TableComparison;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Public databases written by others (pagila, Chinook, pgcopydb's regression objects, Debezium's type tables), each
 * cloned whole and compared: the catalog comparison object by object, normalized pg_dump --schema-only where
 * Debian's pg_dump 15 reads both servers, and every table's rows (partitions and matviews included) by checksum.
 * The build runs 15->15, 14->18 and 18->14 ({@code it.corpus.pairs} in the root pom); {@code -Pfull-matrix} all 25.
 */
class CorpusIT {

    static Stream<Arguments> cases() {
        String pairs = System.getProperty("pgclone.it.corpus.pairs", "15:15,14:18,18:14");
        return Arrays.stream(CorpusDataset.values()).flatMap(d -> Arrays.stream(pairs.split(","))
                .map(p -> Arguments.of(d, Integer.parseInt(p.split(":")[0]), Integer.parseInt(p.split(":")[1]))));
    }

    @ParameterizedTest(name = "{0}: PostgreSQL {1} -> {2}")
    @MethodSource("cases")
    void clonesAPublicDatabaseExactly(CorpusDataset dataset, int sourceMajor, int targetMajor) throws Exception {
        PostgresServer source = Servers.postgres(sourceMajor);
        PostgresServer target = Servers.postgres(targetMajor);
        String sourceDb = Databases.fresh(source, "corpus");
        String targetDb = Databases.fresh(target, "corpust");
        dataset.load(source, sourceDb);

        CloneHarness.cloneTables(CloneHarness.uniquePrefix("corpus"), source, sourceDb, target, targetDb, null,
                Map.of(), DdlFidelityIT.schemaScope());

        CatalogDiff.Report report = DdlFidelityIT.compare(source, sourceDb, target, targetDb, sourceMajor != targetMajor);
        assertThat(report.lines()).as("differences between source and target catalogs").isEmpty();
        assertThat(rows(target, targetDb)).as("rows of every table and populated matview")
                .isEqualTo(rows(source, sourceDb));
        if (sourceMajor <= 15 && targetMajor <= 15) {
            assertThat(DdlFidelityIT.schemaDump(target, targetDb)).as("pg_dump --schema-only of the target")
                    .isEqualTo(DdlFidelityIT.schemaDump(source, sourceDb));
        }
    }

    /** Per table (leaf partitions and inheritance children on their own) and per matview: its checksum or "unpopulated". */
    private static Map<String, String> rows(PostgresServer pg, String db) throws Exception {
        Catalog cat = DdlFidelityIT.read(pg, db);
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = pg.connect(db)) {
            for (TableDef table : cat.tables()) {
                out.put(table.name().sql(), TableComparison.checksum(c, "ONLY " + table.name().sql()));
            }
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT format('%I.%I', schemaname, matviewname), ispopulated"
                         + " FROM pg_matviews WHERE schemaname <> 'pgclone' ORDER BY 1")) {
                Map<String, Boolean> matviews = new LinkedHashMap<>();
                while (rs.next()) {
                    matviews.put(rs.getString(1), rs.getBoolean(2));
                }
                for (Map.Entry<String, Boolean> m : matviews.entrySet()) {
                    out.put("matview " + m.getKey(), m.getValue() ? TableComparison.checksum(c, m.getKey()) : "unpopulated");
                }
            }
        }
        return out;
    }
}
