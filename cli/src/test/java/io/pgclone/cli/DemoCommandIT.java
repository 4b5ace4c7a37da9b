package io.pgclone.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's first command: ./pgclone demo. */
class DemoCommandIT {

    @AfterAll
    static void stopDemoServers() throws Exception {
        CliProcess.run(120, "demo", "--stop");
    }

    @Test
    void shouldCloneTheSampleShopWithMatchingCountsInUnderThreeMinutes() throws Exception {
        CliProcess.Result r = CliProcess.run(600, "demo", "--no-progress");

        assertThat(r.exitCode()).as("exit code; stderr:\n%s\nstdout:\n%s", r.stderr(), r.stdout()).isZero();
        assertThat(r.millis()).as("demo duration").isLessThan(180_000);
        assertThat(r.stdout()).contains("Clone demo done: 3 table(s), 122,000 rows");
        // Avro is the default whenever a Java 21+ runtime exists for the schema registry (it does on CI machines).
        assertThat(r.stdout()).contains(io.pgclone.stack.SchemaRegistry.java21().isPresent()
                ? "(records as Avro)" : "(records as JSON)");
        Matcher m = Pattern.compile("(?m)^  (shop\\.\\w+)\\s+([\\d,]+)\\s+([\\d,]+)\\s+(\\w+)$").matcher(r.stdout());
        int tables = 0;
        while (m.find()) {
            tables++;
            assertThat(m.group(2)).as("source vs target rows of %s", m.group(1)).isEqualTo(m.group(3));
            assertThat(m.group(4)).isEqualTo("yes");
        }
        assertThat(tables).isEqualTo(3);
        assertThat(r.stdout()).contains("psql \"host=127.0.0.1").contains("./pgclone demo --stop");
    }
}
