package io.pgclone.it.badinput;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgclone.stack.ConnectRestClient;
import io.pgclone.testkit.Await;
import io.pgclone.testkit.ConfigFiles;
import io.pgclone.testkit.ConfigFiles.Connector;
import io.pgclone.testkit.Servers;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/** The ways a case gives its input: through Connect's REST validate, by deploying both connectors, by the CLI. */
final class Trials {
    static final String SOURCE = "io.pgclone.source.PgCloneSourceConnector";
    static final String SINK = "io.pgclone.sink.PgCloneSinkConnector";

    private Trials() {
    }

    /** The source connector of {@code config/clone-table.json}, pointed at the world, for public.accounts. */
    static Connector source(World w) {
        return ConfigFiles.load("clone-table.json").named(w.prefix + "-source").connectedTo("source", w.pg, w.source)
                .with("topic.prefix", w.prefix).with("clone.id", w.prefix).with("tables", "public.accounts");
    }

    /** The sink connector of {@code config/sink.json}, pointed at the world. */
    static Connector sink(World w) {
        return ConfigFiles.load("sink.json").named(w.prefix + "-sink").connectedTo("target", w.pg, w.target)
                .with("topic.prefix", w.prefix).with("topics.regex", w.prefix + "\\..*");
    }

    /** Source config changed by {@code change}, refused by REST validate and by PUT. */
    static Trial validateSource(UnaryOperator<Connector> change) {
        return w -> refused(SOURCE, change.apply(source(w)));
    }

    static Trial validateSink(UnaryOperator<Connector> change) {
        return w -> refused(SINK, change.apply(sink(w)));
    }

    private static Trial.Observed refused(String connectorClass, Connector c) {
        ConnectRestClient rest = Servers.stack().worker().rest();
        Map<String, String> config = new HashMap<>(c.config());
        config.put("name", c.name());
        JsonNode result = rest.validate(connectorClass, config);
        Map<String, String> errors = new LinkedHashMap<>();
        for (JsonNode v : result.path("configs")) {
            JsonNode errs = v.path("value").path("errors");
            if (errs.size() > 0) {
                errors.merge(v.path("value").path("name").asText(), errs.get(0).asText(), (a, b) -> a);
            }
        }
        try {
            rest.put(c.name(), c.config());
            rest.delete(c.name());
            throw new AssertionError(c.name() + " was accepted by PUT although validate said " + errors);
        } catch (ConnectRestClient.ConnectRestException expected) {
            // refused, as validate said
        }
        if (errors.size() != 1) {
            return new Trial.Observed(String.join(",", errors.keySet()), String.join(" / ", errors.values()));
        }
        Map.Entry<String, String> e = errors.entrySet().iterator().next();
        return new Trial.Observed(e.getKey(), e.getValue());
    }

    /**
     * Deploys the sink and the source (changed as given) and waits until a connector or task fails, or the clone's
     * job says failed; the observed error is that failure's message, the connector's role as where.
     */
    static Trial deploy(UnaryOperator<Connector> sourceChange, UnaryOperator<Connector> sinkChange) {
        return new Trial() {
            @Override
            public Observed run(World w) throws Exception {
                ConnectRestClient rest = Servers.stack().worker().rest();
                Connector sink = sinkChange.apply(sink(w));
                Connector source = sourceChange.apply(source(w));
                rest.put(sink.name(), sink.config());
                rest.put(source.name(), source.config());
                AtomicReference<Observed> seen = new AtomicReference<>();
                try {
                    Await.until("the clone to fail", Duration.ofMinutes(2), () -> {
                        seen.compareAndSet(null, failure(rest, "source", source.name()));
                        seen.compareAndSet(null, failure(rest, "sink", sink.name()));
                        seen.compareAndSet(null, jobFailure(w));
                        return seen.get() != null;
                    });
                } finally {
                    rest.delete(source.name());
                    rest.delete(sink.name());
                }
                return seen.get();
            }

            @Override
            public Leaves leaves() {
                return Leaves.SOURCE_AND_EXISTING_TARGET_OBJECTS_AS_THEY_WERE;
            }
        };
    }

    private static Trial.Observed failure(ConnectRestClient rest, String role, String name) {
        JsonNode st;
        try {
            st = rest.status(name);
        } catch (RuntimeException e) {
            return null;
        }
        if ("FAILED".equals(st.path("connector").path("state").asText())) {
            return new Trial.Observed(role, message(st.path("connector").path("trace").asText()));
        }
        for (JsonNode t : st.path("tasks")) {
            if ("FAILED".equals(t.path("state").asText())) {
                return new Trial.Observed(role, message(t.path("trace").asText()));
            }
        }
        return null;
    }

    private static Trial.Observed jobFailure(World w) {
        try (Connection c = w.pg.connect(w.target); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT message FROM pgclone.jobs WHERE status = 'failed'")) {
            // the headline; the lines after it are detail (the statement the target refused)
            return rs.next() ? new Trial.Observed("sink", rs.getString(1).lines().findFirst().orElse("")) : null;
        } catch (Exception e) {
            return null; // no state schema yet
        }
    }

    /**
     * The message of the outermost exception of a Connect trace that says something: its first line, without the
     * class name; past Connect's own wrapping ("Unrecoverable exception from producer send callback") to its cause.
     */
    static String message(String trace) {
        List<String> heads = new ArrayList<>();
        for (String line : trace.lines().toList()) {
            if (heads.isEmpty() || line.startsWith("Caused by: ")) {
                heads.add(line.startsWith("Caused by: ") ? line.substring("Caused by: ".length()) : line);
            }
        }
        String chosen = heads.isEmpty() ? "" : heads.get(0);
        for (String h : heads) {
            chosen = h;
            if (!withoutClass(h).startsWith("Unrecoverable exception") && !withoutClass(h).startsWith("Exiting Worker")) {
                break;
            }
        }
        return withoutClass(chosen);
    }

    private static String withoutClass(String line) {
        int colon = line.indexOf(": ");
        return colon >= 0 && line.substring(0, colon).matches("[\\w.$]+") ? line.substring(colon + 2) : line;
    }
}
