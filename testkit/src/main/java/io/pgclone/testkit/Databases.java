package io.pgclone.testkit;

import io.pgclone.stack.PostgresServer;

import java.util.concurrent.atomic.AtomicInteger;

/** Fresh, uniquely named databases, so tests never see each other's objects. */
public final class Databases {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Databases() {
    }

    public static String fresh(PostgresServer server, String prefix) {
        String name = prefix + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        server.createDatabase(name);
        return name;
    }
}
