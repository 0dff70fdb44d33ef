package vn.kiosk06.client.api;

import static org.assertj.core.api.Assertions.assertThat;

import vn.kiosk06.client.ClientApp;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.client.journal.Journal;

/** The device's local API as its touchscreen UI uses it, on a real app with a real journal (no server reachable). */
class EventControllerTest {

    @TempDir
    Path dir;
    ClientApp app;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        app = ClientApp.start(Map.of(
                "kiosk06.client.device-id", "kiosk-pq-01",
                "kiosk06.client.server", "127.0.0.1:" + closedPort,
                "kiosk06.client.data-dir", dir.toString(),
                "kiosk06.client.sync-interval", "1h",
                "micronaut.server.port", -1));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    HttpResponse<String> post(String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/v1/events"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void postEvent_valid_answersSeqOnceDurable() throws Exception {
        HttpResponse<String> first = post("{\"reception\":{\"caseType\":\"BHYT\",\"department\":\"NOI\"}}");
        HttpResponse<String> second = post("{\"transactionCodeCreated\":{\"code\":\"PQ01-0001\",\"receptionSeq\":\"1\",\"queueNumber\":1}}");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.body()).isEqualTo("{\"seq\":1}");
        assertThat(second.body()).isEqualTo("{\"seq\":2}");
        assertThat(app.bean(Journal.class).read(2)).isPresent();
    }

    @Test
    void postEvent_badInput_isRefusedWithTheProblemNamed_andTakesNoSeq() throws Exception {
        assertThat(post("{not json")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("not a valid event");
        });
        assertThat(post("{\"teleport\":{}}")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("Cannot find field: teleport");
        });
        assertThat(post("{\"payment\":{\"amountVnd\":\"-5\",\"method\":\"QR\",\"status\":\"CONFIRMED\"}}")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).isEqualTo("{\"error\":\"payment.amount_vnd must be ≥ 0, was -5\"}");
        });
        assertThat(post("{\"reception\":{\"department\":\"NOI\"}}").body()).contains("reception.case_type is required");
        assertThat(post("{\"seq\":\"7\",\"reception\":{\"caseType\":\"FEE\",\"department\":\"NOI\"}}").body())
                .contains("assigned by the journal");

        assertThat(post("{\"reception\":{\"caseType\":\"FEE\",\"department\":\"NOI\"}}").body()).isEqualTo("{\"seq\":1}");
    }

    @Test
    void status_withoutServer_showsBacklogAndWhySyncFails() throws Exception {
        post("{\"reception\":{\"caseType\":\"BHYT\",\"department\":\"NOI\"}}");

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
            String status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/v1/status"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(status).contains("\"deviceId\":\"kiosk-pq-01\"", "\"state\":\"OFFLINE\"", "\"backlog\":1",
                    "\"lastError\":\"handshake: server 127.0.0.1:");
        });
    }
}
