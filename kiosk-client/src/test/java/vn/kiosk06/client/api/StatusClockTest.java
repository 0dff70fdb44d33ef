package vn.kiosk06.client.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import vn.kiosk06.client.ClientApp;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.client.sync.FakeSyncServer;

/** The device app's status endpoint tells the screens whether to show the clock warning. */
class StatusClockTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private String get(ClientApp app, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private void post(ClientApp app, String path) throws IOException, InterruptedException {
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    }

    @Test
    void status_beforeAnySync_clockUntrusted_afterSyncingWithAServer_clockTrusted() throws Exception {
        int grpcPort = freePort();
        Map<String, Object> props = Map.of(
                "kiosk06.client.device-id", "kiosk-pq-01",
                "kiosk06.client.server", "127.0.0.1:" + grpcPort,
                "kiosk06.client.data-dir", dir.toString(),
                "kiosk06.client.sync-interval", "1h",
                "kiosk06.test.ntp", "unsynchronised",
                "micronaut.server.port", -1);
        try (ClientApp app = ClientApp.start(props)) {
            String before = get(app, "/api/v1/status");

            assertThat(before).contains("\"deviceId\":\"kiosk-pq-01\"", "\"clock\":{\"trusted\":false",
                    "never checked against the server", "\"readers\":[]", "\"printer\":{\"configured\":false}", "\"gpio\":\"off\"")
                    .doesNotContain("offsetMs");

            try (FakeSyncServer server = FakeSyncServer.startOn(grpcPort)) {
                assertThat(server.port()).isEqualTo(grpcPort);
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                    post(app, "/api/v1/sync");
                    assertThat(get(app, "/api/v1/status")).contains("\"clock\":{\"trusted\":true", "\"offsetMs\":");
                });
            }
        }
    }
}
