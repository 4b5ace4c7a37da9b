package io.pgclone.it;

import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.Converter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Value converters as a plain consumer would use them. Apicurio's AvroConverter is loaded from its plugin folder in
 * its own class loader, as Connect does: on this classpath it would also land on the worker's, without manifests.
 */
final class PluginConverters {
    private PluginConverters() {
    }

    static Converter valueConverter(String converter, String registryUrl) {
        Converter c;
        Map<String, Object> config;
        if (converter.equals("json")) {
            c = new JsonConverter();
            config = Map.of("schemas.enable", "true");
        } else {
            c = loadAvroConverter();
            config = Map.of("apicurio.registry.url", registryUrl, "apicurio.registry.find-latest", "true");
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(c.getClass().getClassLoader());
        try {
            c.configure(config, false); // Kafka's ConfigDef resolves class names through the context loader
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        return c;
    }

    private static Converter loadAvroConverter() {
        Path dir = Path.of(System.getProperty("pgclone.repo.dir", ".."), "avro-converter/target/plugin/apicurio-avro-converter");
        try (Stream<Path> jars = Files.list(dir)) {
            List<URL> urls = jars.filter(p -> p.toString().endsWith(".jar")).map(PluginConverters::url).toList();
            ClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), PluginConverters.class.getClassLoader());
            return (Converter) Class.forName("io.apicurio.registry.utils.converter.AvroConverter", true, loader)
                    .getConstructor().newInstance();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static URL url(Path p) {
        try {
            return p.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
