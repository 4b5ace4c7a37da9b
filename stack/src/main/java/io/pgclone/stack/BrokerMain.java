package io.pgclone.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Main class of the broker's JVM: formats the KRaft storage on the first start, then runs Kafka. Formatting here
 * instead of in a JVM of its own saves a JVM start and a second load of the broker's classes (a few seconds of every
 * CLI clone). Arguments: server.properties, the cluster id for a first start.
 */
public final class BrokerMain {
    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        String properties = args[0];
        Path meta = Path.of(logDirs(properties), "meta.properties");
        if (!Files.exists(meta)) {
            Object rc = Class.forName("kafka.tools.StorageTool").getMethod("execute", String[].class, PrintStream.class)
                    .invoke(null, new String[] {"format", "-t", args[1], "-c", properties}, System.out);
            if (!Integer.valueOf(0).equals(rc)) {
                System.out.println("kafka storage format failed with exit code " + rc);
                System.exit(1);
            }
        }
        Class.forName("kafka.Kafka").getMethod("main", String[].class).invoke(null, (Object) new String[] {properties});
    }

    private static String logDirs(String properties) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(Path.of(properties))) {
            p.load(in);
        }
        return p.getProperty("log.dirs");
    }
}
