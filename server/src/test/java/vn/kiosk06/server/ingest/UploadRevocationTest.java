package vn.kiosk06.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.proto.sync.v1.Ack;
import vn.kiosk06.proto.sync.v1.EventBatch;
import vn.kiosk06.proto.sync.v1.SyncServiceGrpc;
import vn.kiosk06.server.FakeClock;
import vn.kiosk06.server.RunningServer;
import vn.kiosk06.server.TestEvents;
import vn.kiosk06.server.enroll.AuthenticatedDevice;
import vn.kiosk06.server.enroll.DeviceRegistry;
import vn.kiosk06.server.enroll.Enrollment;
import vn.kiosk06.server.store.EventStore;

/** A device revoked while its Upload stream is open, on a real secure server (TLS, enrolled devices only). */
class UploadRevocationTest {

    @TempDir
    Path dir;
    final FakeClock clock = new FakeClock(Instant.now());
    RunningServer server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void deviceRevokedMidStream_isRefusedOnceTheRecheckIntervalPasses_andStoresNothingMore() throws Exception {
        server = RunningServer.secure(dir, Map.of(), clock);
        DeviceRegistry registry = server.bean(DeviceRegistry.class);
        Enrollment device = registry.enroll(registry.register("kiosk-1", "PQ", Duration.ofHours(1)).code().secret());
        Metadata credential = new Metadata();
        credential.put(AuthenticatedDevice.DEVICE_ID, "kiosk-1");
        credential.put(AuthenticatedDevice.DEVICE_SECRET, device.deviceSecret());
        LinkedBlockingQueue<Ack> acks = new LinkedBlockingQueue<>();
        CompletableFuture<Void> ended = new CompletableFuture<>();
        StreamObserver<EventBatch> stream = SyncServiceGrpc.newStub(server.channel())
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(credential))
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .upload(new StreamObserver<>() {
                    @Override
                    public void onNext(Ack ack) {
                        acks.add(ack);
                    }

                    @Override
                    public void onError(Throwable t) {
                        ended.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        ended.complete(null);
                    }
                });
        stream.onNext(TestEvents.batch("kiosk-1", 1, 10));
        assertThat(acks.poll(20, TimeUnit.SECONDS)).as("ack of the first batch").isNotNull();
        clock.advance(DeviceGate.RECHECK_AFTER.plusSeconds(1));
        stream.onNext(TestEvents.batch("kiosk-1", 11, 20));
        assertThat(acks.poll(20, TimeUnit.SECONDS)).as("an enrolled device passes the re-check").isNotNull();

        registry.revoke("kiosk-1", "test-admin");
        clock.advance(DeviceGate.RECHECK_AFTER.plusSeconds(1));
        stream.onNext(TestEvents.batch("kiosk-1", 21, 30));

        Throwable refused = ended.handle((ok, t) -> t).get(20, TimeUnit.SECONDS);
        assertThat(refused).isInstanceOf(StatusRuntimeException.class);
        Status status = ((StatusRuntimeException) refused).getStatus();
        assertThat(status.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(status.getDescription()).contains("device 'kiosk-1' was revoked by an admin while its upload was open");
        assertThat(acks).isEmpty();
        assertThat(server.bean(EventStore.class).device("kiosk-1").orElseThrow().eventsStored()).isEqualTo(20);
    }
}
