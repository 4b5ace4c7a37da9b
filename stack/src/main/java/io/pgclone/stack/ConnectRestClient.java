package io.pgclone.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A small client for the Kafka Connect REST API, the way users deploy connectors. */
public final class ConnectRestClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public ConnectRestClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** Thrown for a non-2xx answer; carries the status and Connect's error message. */
    public static final class ConnectRestException extends RuntimeException {
        private final int status;

        ConnectRestException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    public String url() {
        return baseUrl;
    }

    public JsonNode serverInfo() {
        return send("GET", "/", null);
    }

    /** Creates the connector, or updates its config when it exists (PUT /connectors/{name}/config). */
    public JsonNode put(String name, Map<String, String> config) {
        return send("PUT", "/connectors/" + enc(name) + "/config", JSON.valueToTree(config));
    }

    /** POST /connectors with a {"name":..., "config":{...}} document, as in the files of config/. */
    public JsonNode create(JsonNode connectorDocument) {
        return send("POST", "/connectors", connectorDocument);
    }

    /** The connector's config as stored: config provider references unresolved (GET /connectors/{name}/config). */
    public JsonNode config(String name) {
        return send("GET", "/connectors/" + enc(name) + "/config", null);
    }

    public JsonNode status(String name) {
        return send("GET", "/connectors/" + enc(name) + "/status", null);
    }

    public List<String> connectors() {
        List<String> names = new ArrayList<>();
        send("GET", "/connectors", null).forEach(n -> names.add(n.asText()));
        return names;
    }

    public void delete(String name) {
        send("DELETE", "/connectors/" + enc(name), null);
    }

    public void pause(String name) {
        send("PUT", "/connectors/" + enc(name) + "/pause", null);
    }

    public void stop(String name) {
        send("PUT", "/connectors/" + enc(name) + "/stop", null);
    }

    public void resume(String name) {
        send("PUT", "/connectors/" + enc(name) + "/resume", null);
    }

    public void restart(String name, boolean includeTasks) {
        send("POST", "/connectors/" + enc(name) + "/restart?includeTasks=" + includeTasks + "&onlyFailed=false", null);
    }

    public JsonNode offsets(String name) {
        return send("GET", "/connectors/" + enc(name) + "/offsets", null);
    }

    public void resetOffsets(String name) {
        send("DELETE", "/connectors/" + enc(name) + "/offsets", null);
    }

    /** PUT /connector-plugins/{class}/config/validate: Connect's own check of a config, field by field. */
    public JsonNode validate(String connectorClass, Map<String, String> config) {
        ObjectNode body = JSON.valueToTree(config);
        body.put("connector.class", connectorClass);
        String simple = connectorClass.substring(connectorClass.lastIndexOf('.') + 1);
        return send("PUT", "/connector-plugins/" + enc(simple) + "/config/validate", body);
    }

    /** Every installed plugin, connectors and transforms alike. */
    public JsonNode plugins() {
        return send("GET", "/connector-plugins?connectorsOnly=false", null);
    }

    private JsonNode send(String method, String path, JsonNode body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(120))
                .header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode json = resp.body().isBlank() ? JSON.nullNode() : parse(resp.body());
            if (resp.statusCode() / 100 != 2) {
                String msg = json.hasNonNull("message") ? json.get("message").asText() : resp.body();
                throw new ConnectRestException(resp.statusCode(), method + " " + path + ": HTTP " + resp.statusCode() + ": " + msg);
            }
            return json;
        } catch (IOException e) {
            throw new ConnectRestException(0, "cannot reach Kafka Connect at " + baseUrl + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectRestException(0, "interrupted while calling " + baseUrl + path);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
