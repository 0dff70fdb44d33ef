package vn.kiosk06.bench.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A device's local API as the demo reads it: {@code GET /api/v1/status}, parsed as JSON. */
final class DeviceApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    final String base;

    DeviceApi(HttpClient http, String base) {
        this.http = http;
        this.base = base;
    }

    /** The status document, or empty while the device is not answering yet. */
    Optional<JsonNode> status() throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/status"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(JSON.readTree(r.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Events journaled and not yet acknowledged by the server; -1 while the device does not answer. */
    long backlog() throws InterruptedException {
        return status().map(s -> s.path("backlog").asLong(-1)).orElse(-1L);
    }

    /** Card reads the device's readers counted since start: {ok, failed}. */
    long[] reads() throws InterruptedException {
        long ok = 0;
        long failed = 0;
        for (JsonNode reader : status().map(s -> s.path("readers")).orElse(JSON.createArrayNode())) {
            ok += reader.path("readsOk").asLong();
            failed += reader.path("readsFailed").asLong();
        }
        return new long[] {ok, failed};
    }

    /** Whether a reader's serial port is open now. */
    boolean readerConnected() throws InterruptedException {
        for (JsonNode reader : status().map(s -> s.path("readers")).orElse(JSON.createArrayNode())) {
            if (reader.path("connected").asBoolean()) {
                return true;
            }
        }
        return false;
    }
}
