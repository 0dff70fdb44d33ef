package vn.kiosk06.client.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import vn.kiosk06.client.ClientApp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.client.sync.FakeSyncServer;

/** GET /prometheus and /health of a real device app syncing to a real (tiny) gRPC server. */
class ClientMetricsTest {

    @TempDir
    Path dir;
    FakeSyncServer server;
    ClientApp app;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        server = FakeSyncServer.start(Duration.ZERO);
        app = ClientApp.start(Map.of(
                "kiosk06.client.device-id", "kiosk-pq-01",
                "kiosk06.client.server", "127.0.0.1:" + server.port(),
                "kiosk06.client.data-dir", dir.toString(),
                "kiosk06.client.sync-interval", "1h",
                "micronaut.server.port", -1));
    }

    @AfterEach
    void stop() {
        app.close();
        server.close();
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)));
        assertThat(r.statusCode()).as("GET " + path).isEqualTo(200);
        return r.body();
    }

    static double value(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        assertThat(m.find()).as(series + " in\n" + text).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void afterASync_prometheusShowsJournalSizeNoBacklogAndTheLastSyncTime() throws Exception {
        long before = System.currentTimeMillis() / 1000;
        for (int i = 0; i < 3; i++) {
            assertThat(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/v1/events"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"reception\":{\"caseType\":\"BHYT\",\"department\":\"NOI\"}}")))
                    .statusCode()).isEqualTo(201);
        }

        // An append asks for a sync at once; the interval (1 h) never comes into it.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String text = get("/prometheus");
            assertThat(value(text, "kiosk06_journal_backlog")).isZero();
            assertThat(value(text, "kiosk06_last_sync_timestamp_seconds")).isGreaterThanOrEqualTo(before);
            assertThat(value(text, "kiosk06_journal_bytes")).isPositive();
        });
    }

    @Test
    void readerHook_publishesOneSeriesPerReaderKind() throws Exception {
        app.bean(ClientMetrics.class).reader("cccd-qr", () -> true);

        assertThat(value(get("/prometheus"), "kiosk06_reader_connected{kind=\"cccd-qr\"}")).isEqualTo(1.0);
    }

    @Test
    void prometheus_alsoCarriesTheJvmAndProcessSeries() throws Exception {
        String text = get("/prometheus");

        assertThat(value(text, "jvm_memory_used_bytes{area=\"heap\"}")).isPositive();
        assertThat(value(text, "process_resident_memory_bytes")).isPositive();
        assertThat(text).contains("# TYPE kiosk06_journal_backlog gauge");
    }

    @Test
    void health_isUp() throws Exception {
        assertThat(get("/health")).contains("\"status\":\"UP\"");
    }
}
