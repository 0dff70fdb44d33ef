package vn.kiosk06.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.proto.sync.v1.Ack;
import vn.kiosk06.proto.sync.v1.EventBatch;
import vn.kiosk06.proto.sync.v1.HandshakeRequest;
import vn.kiosk06.proto.sync.v1.SyncServiceGrpc;
import vn.kiosk06.server.RunningServer;
import vn.kiosk06.server.TestEvents;

/** GET /prometheus and /health of a real aggregator after a device synced over real gRPC. */
class MetricsEndpointTest {

    @TempDir
    Path dir;
    RunningServer server;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        server = new RunningServer(dir, java.util.Map.of("kiosk06.server.metrics.refresh", "0s"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
    }

    String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.httpUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET " + path).isEqualTo(200);
        return r.body();
    }

    List<Ack> upload(EventBatch batch) throws Exception {
        List<Ack> acks = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        StreamObserver<EventBatch> requests = SyncServiceGrpc.newStub(server.channel())
                .withDeadlineAfter(20, TimeUnit.SECONDS).upload(new StreamObserver<>() {
                    @Override
                    public void onNext(Ack ack) {
                        acks.add(ack);
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        done.complete(null);
                    }
                });
        requests.onNext(batch);
        requests.onCompleted();
        done.get(20, TimeUnit.SECONDS);
        return acks;
    }

    @Test
    void afterASync_prometheusShowsIngestAcksQuarantineAndEachDevicesBacklog() throws Exception {
        SyncServiceGrpc.newBlockingStub(server.channel()).withDeadlineAfter(20, TimeUnit.SECONDS).handshake(
                HandshakeRequest.newBuilder().setDeviceId("kiosk-pq-01").setBootId(TestEvents.BOOT)
                        .setAppVersion("test").setLastSeq(10).build());
        // Seqs 1..6 of 10, one of them malformed: 5 stored, 1 quarantined, 4 still owed.
        EventBatch batch = TestEvents.batch("kiosk-pq-01", 1, 5).toBuilder()
                .addEvents(TestEvents.payment(6, -5)).build();
        assertThat(upload(batch)).hasSize(1);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String text = get("/prometheus");
            assertThat(text)
                    .contains("kiosk06_events_ingested_total 5.0")
                    .contains("kiosk06_events_quarantined_total 1.0")
                    .contains("kiosk06_acks_total 1.0")
                    .contains("kiosk06_devices_gaps 0.0")
                    .contains("kiosk06_devices_silent 0.0")
                    .contains("kiosk06_device_backlog{device=\"kiosk-pq-01\"} 4.0");
        });
    }

    @Test
    void health_isUp() throws Exception {
        assertThat(get("/health")).contains("\"status\":\"UP\"");
    }
}
