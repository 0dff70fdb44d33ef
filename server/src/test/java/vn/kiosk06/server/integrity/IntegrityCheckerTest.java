package vn.kiosk06.server.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.server.DashboardClient;
import vn.kiosk06.server.RunningServer;
import vn.kiosk06.server.Uploads;
import vn.kiosk06.server.db.Database;
import vn.kiosk06.server.store.EventStore;

/** The chain check on a real aggregator (SQLite store, gRPC ingest, HTTP API), fed over real gRPC. */
class IntegrityCheckerTest {

    @TempDir
    Path dir;
    RunningServer server;
    IntegrityChecker checker;

    @BeforeEach
    void start() {
        // A long interval keeps the scheduled pass out of the way; the tests run passes themselves.
        server = new RunningServer(dir, Map.of("kiosk06.server.integrity.interval", "1h"));
        checker = server.bean(IntegrityChecker.class);
    }

    DashboardClient admin;

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
    }

    String get(String path) {
        if (admin == null) {
            admin = server.loginAdmin();
        }
        HttpResponse<String> r = admin.get(path);
        assertThat(r.statusCode()).as("GET " + path).isEqualTo(200);
        return r.body();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> json(String path) throws IOException {
        return server.bean(ObjectMapper.class).readValue(get(path), Map.class);
    }

    void upload(String device, List<Event> events) {
        Uploads.upload(server.channel(), Chains.batch(device, events));
    }

    @Test
    @SuppressWarnings("unchecked")
    void checkNow_editedEvent_isShownAsABreakAtItsSuccessor_inTheDeviceApiFleetAndMetrics() throws Exception {
        upload("kiosk-edited", Chains.withAmountEdited(Chains.payments(10), 4, 999));
        upload("kiosk-honest", Chains.payments(10));

        checker.checkNow();

        Map<String, Object> device = json("/api/v1/devices/kiosk-edited");
        assertThat(device).containsEntry("deviceId", "kiosk-edited").containsKey("eventsStored");
        Map<String, Object> integrity = (Map<String, Object>) device.get("integrity");
        assertThat(integrity).containsEntry("state", "broken");
        assertThat((String) integrity.get("summary"))
                .startsWith("broken at seq 5: event 5 does not follow event 4: its previous-event hash differs");
        assertThat((List<Map<String, Object>>) integrity.get("breaks")).extracting(b -> b.get("seq"), b -> b.get("kind"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(5, "HASH_MISMATCH"));

        List<Map<String, Object>> fleet = (List<Map<String, Object>>) json("/api/v1/fleet").get("devices");
        assertThat(fleet).anySatisfy(row -> {
            assertThat(row).containsEntry("deviceId", "kiosk-honest");
            assertThat((Map<String, Object>) row.get("integrity")).containsEntry("summary", "chain ok up to seq 10");
        });
        assertThat(fleet).anySatisfy(row -> {
            assertThat(row).containsEntry("deviceId", "kiosk-edited");
            assertThat((Map<String, Object>) row.get("integrity")).containsEntry("state", "broken");
        });
        assertThat(get("/prometheus")).contains("kiosk06_chain_breaks_total{kind=\"HASH_MISMATCH\"} 1.0");
    }

    @Test
    void checkNow_secondPass_findsNothingNew_andContinuesWhereItStopped() {
        List<Event> events = Chains.withAmountEdited(Chains.payments(20), 15, 1);
        upload("kiosk-1", events.subList(0, 10));
        checker.checkNow();
        checker.checkNow();

        assertThat(checker.integrity("kiosk-1").summary()).isEqualTo("chain ok up to seq 10");

        upload("kiosk-1", events.subList(10, 20));
        checker.checkNow();

        DeviceIntegrity after = checker.integrity("kiosk-1");
        assertThat(after.checkedThrough()).isEqualTo(20);
        assertThat(after.breaks()).extracting(ChainBreak::seq).containsExactly(16L);
    }

    @Test
    void checkNow_eventsNotReceivedYet_areAGap_thatClosesWhenTheyArrive() {
        List<Event> events = Chains.payments(8);
        upload("kiosk-1", events.subList(0, 3));
        upload("kiosk-1", events.subList(5, 8));
        checker.checkNow();

        DeviceIntegrity gap = checker.integrity("kiosk-1");
        assertThat(gap.state()).isEqualTo("gap");
        assertThat(gap.summary()).isEqualTo("chain ok up to seq 8, except a gap at seq 6: seqs 4–5 are missing "
                + "(not received), so event 6 cannot be checked against it: a gap, not necessarily tampering "
                + "(it may still arrive, or was deleted on the device)");

        upload("kiosk-1", events.subList(3, 5));
        checker.checkNow();

        assertThat(checker.integrity("kiosk-1").summary()).isEqualTo("chain ok up to seq 8");
    }

    @Test
    void checkNow_quarantinedEvent_isAGapNotTampering() {
        List<Event> events = new java.util.ArrayList<>(Chains.payments(5));
        events.set(2, events.get(2).toBuilder().setPrevHash(events.get(2).getPrevHash().substring(1)).build());
        upload("kiosk-1", events);

        checker.checkNow();

        DeviceIntegrity integrity = checker.integrity("kiosk-1");
        assertThat(integrity.state()).isEqualTo("gap");
        assertThat(integrity.breaks()).extracting(ChainBreak::seq, ChainBreak::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(4L, ChainBreakKind.GAP_QUARANTINED));
        assertThat(integrity.breaks().get(0).detail()).startsWith("seq 3 is missing (quarantined)");
    }

    @Test
    void checkNow_whileAPassWalksADevice_ingestStillCommits() {
        upload("kiosk-1", Chains.payments(50));
        EventStore real = server.bean(EventStore.class);
        // The pass reads events through this store; its first read stores another device's batch over gRPC and waits
        // for the ack, as a device syncing during a pass does. The pass must not hold the write lock meanwhile.
        AtomicReference<Throwable> ingestFailure = new AtomicReference<>();
        AtomicBoolean ingested = new AtomicBoolean();
        EventStore walking = (EventStore) Proxy.newProxyInstance(EventStore.class.getClassLoader(),
                new Class<?>[] {EventStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("events") && ingested.compareAndSet(false, true)) {
                        try {
                            upload("kiosk-2", Chains.payments(10));
                        } catch (RuntimeException e) {
                            ingestFailure.set(e);
                        }
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });

        new IntegrityChecker(server.bean(Database.class), walking, Clock.systemUTC(), new SimpleMeterRegistry(),
                server.bean(vn.kiosk06.server.enroll.DeviceRegistry.class)).checkNow();

        assertThat(ingested).isTrue();
        assertThat(ingestFailure.get()).as("ingest during a pass").isNull();
        assertThat(real.device("kiosk-2").orElseThrow().eventsStored()).isEqualTo(10);
    }

    @Test
    void checkNow_twoInstancesCheckingAtOnce_recordEachBreakOnce() throws Exception {
        List<Event> events = Chains.withAmountEdited(Chains.withAmountEdited(Chains.payments(3000), 700, 1), 2500, 1);
        upload("kiosk-1", events);
        SimpleMeterRegistry otherMeters = new SimpleMeterRegistry();
        IntegrityChecker otherInstance = new IntegrityChecker(server.bean(Database.class), server.bean(EventStore.class),
                Clock.systemUTC(), otherMeters, server.bean(vn.kiosk06.server.enroll.DeviceRegistry.class));

        CompletableFuture<Void> one = CompletableFuture.runAsync(checker::checkNow);
        CompletableFuture<Void> two = CompletableFuture.runAsync(otherInstance::checkNow);
        CompletableFuture.allOf(one, two).get();

        assertThat(checker.integrity("kiosk-1").breaks()).extracting(ChainBreak::seq).containsExactly(701L, 2501L);
        double counted = otherMeters.counter("kiosk06.chain.breaks", "kind", "HASH_MISMATCH").count()
                + server.bean(io.micrometer.core.instrument.MeterRegistry.class)
                        .counter("kiosk06.chain.breaks", "kind", "HASH_MISMATCH").count();
        assertThat(counted).as("each break counted once across instances").isEqualTo(2.0);
    }

    @Test
    void checkNow_overMoreDevicesThanOneCommitHolds_recordsEveryDevicesProgressAndBreaksOnce() {
        // 520 devices: more than one commit's worth (500), every 10th with an edited event 3.
        int devices = 520;
        for (int d = 0; d < devices; d++) {
            List<Event> events = d % 10 == 0 ? Chains.withAmountEdited(Chains.payments(5), 3, 1) : Chains.payments(5);
            upload(String.format("kiosk-%03d", d), events);
        }

        checker.checkNow();
        checker.checkNow(); // a second pass finds nothing new

        for (int d = 0; d < devices; d++) {
            DeviceIntegrity integrity = checker.integrity(String.format("kiosk-%03d", d));
            assertThat(integrity.checkedThrough()).isEqualTo(5);
            if (d % 10 == 0) {
                assertThat(integrity.breaks()).extracting(ChainBreak::seq, ChainBreak::kind)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(4L, ChainBreakKind.HASH_MISMATCH));
            } else {
                assertThat(integrity.summary()).isEqualTo("chain ok up to seq 5");
            }
        }
        assertThat(checker.fleet()).hasSize(devices);
        assertThat(server.bean(io.micrometer.core.instrument.MeterRegistry.class)
                .counter("kiosk06.chain.breaks", "kind", "HASH_MISMATCH").count()).isEqualTo(devices / 10.0);
    }
}
