package vn.kiosk06.client.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.wire.BootId;
import vn.kiosk06.client.clock.DeviceClock;
import vn.kiosk06.client.clock.FakeDeviceClock;
import vn.kiosk06.client.clock.SystemDeviceClock;
import vn.kiosk06.client.clock.NtpSync;
import vn.kiosk06.proto.sync.v1.ClockSample;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import vn.kiosk06.client.journal.Journal;
import vn.kiosk06.client.journal.JournalSettings;
import vn.kiosk06.proto.sync.v1.CaseType;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.Reception;

class SyncWorkerTest {

    @TempDir
    Path dir;
    final FakeDeviceClock clock = new FakeDeviceClock(BootId.of(UUID.randomUUID()), 1_781_000_000_000L, Duration.ofMinutes(1));
    Journal journal;
    ManagedChannel channel;
    SyncWorker worker;
    FakeSyncServer server;

    @AfterEach
    void close() {
        if (worker != null) {
            worker.close();
        }
        if (channel != null) {
            channel.shutdownNow();
        }
        if (journal != null) {
            journal.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    SyncWorker worker(int port, Duration backoffCap) {
        return worker(port, Duration.ofMillis(200), backoffCap);
    }

    SyncWorker worker(int port, Duration backoffBase, Duration backoffCap) {
        return worker(port, backoffBase, backoffCap, clock);
    }

    SyncWorker worker(int port, Duration backoffBase, Duration backoffCap, DeviceClock clock) {
        journal = Journal.open(dir.resolve("journal.db"), JournalSettings.defaults(), clock);
        channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        SyncSettings d = SyncSettings.defaults();
        SyncSettings settings = new SyncSettings(d.batchEvents(), d.maxInflightBatches(), d.maxBatchesPerCall(),
                Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofMinutes(10), Duration.ofMillis(10),
                backoffBase, backoffCap);
        return new SyncWorker("dev-1", "test", journal, channel, settings, clock, Clock.systemUTC(),
                new Backoff(settings.backoffBase(), settings.backoffCap(), new Random(1)));
    }

    static Event reception() {
        return Event.newBuilder().setReception(Reception.newBuilder().setCaseType(CaseType.BHYT).setDepartment("NOI")).build();
    }

    @Test
    void syncNow_afterServerComesBack_syncsAtOnceDespiteLongBackoff() throws Exception {
        int port = freePort();
        worker = worker(port, Duration.ofHours(1));
        worker.start();
        for (int i = 0; i < 30; i++) {
            journal.append(reception());
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> worker.status().lastError().isPresent());

        server = FakeSyncServer.startOn(port);
        worker.requestSync();

        // The journal marks the last batch acked a moment before the worker records the sync as done: await both.
        await().atMost(Duration.ofSeconds(20)).until(() -> worker.status().backlog() == 0
                && worker.status().state() == SyncStatus.State.SYNCED);
        assertThat(worker.status().lastError()).isEmpty();
    }

    @Test
    void newEvents_whileBackingOff_waitForTheBackoff_butSyncNowGoesAtOnce() throws Exception {
        server = FakeSyncServer.busy(); // refuses every handshake at once
        worker = worker(server.port(), Duration.ofHours(1), Duration.ofHours(1));
        worker.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> worker.status().lastError().isPresent());
        assertThat(server.handshakes()).isEqualTo(1);

        // A device journaling while its server is overloaded: its events must not each start an attempt (a fleet
        // would retry at its event rate, and all at once after a server restart, instead of spread by the backoff).
        for (int i = 0; i < 20; i++) {
            journal.append(reception());
        }
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> server.handshakes() == 1);

        worker.requestSync(); // a person's "sync now" still goes at once
        await().atMost(Duration.ofSeconds(20)).until(() -> server.handshakes() == 2);
        assertThat(worker.status().backlog()).isEqualTo(20);
    }

    @Test
    void slowServer_onAConnectionAlreadyUp_oneHandshakePerSync_notASecondOneToMeasureAgain() throws Exception {
        server = FakeSyncServer.start(Duration.ZERO);
        // The machine's clock: round trips are measured on it.
        worker = worker(server.port(), Duration.ofMillis(200), Duration.ofSeconds(1), SystemDeviceClock.start());
        worker.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> worker.status().lastSync().isPresent());
        int before = server.handshakes();

        // Over 1 s per handshake on a connection that is up: the server is slow, not the connection being set up.
        // Measuring again would double the handshakes a fleet sends to a server that is already behind.
        server.answerHandshakesAfter(Duration.ofMillis(1_200));
        journal.append(reception());
        await().atMost(Duration.ofSeconds(20)).until(() -> journal.ackedThrough() == 1);

        assertThat(server.handshakes()).isEqualTo(before + 1);
    }

    @Test
    void handshake_osClockSynchronised_theClockSampleSaysSo_soTheServerDoesNotMoveEventsByNoise() throws Exception {
        int port = freePort();
        server = FakeSyncServer.startOn(port);
        worker = worker(port, Duration.ofSeconds(1));
        AtomicReference<NtpSync> os = new AtomicReference<>(NtpSync.SYNCHRONIZED);
        worker.reportOsClockSync(os::get);
        List<ClockSample> samples = new CopyOnWriteArrayList<>();
        worker.onClockSample(samples::add);
        worker.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> !samples.isEmpty());
        assertThat(samples.get(0).getOsClockSynchronized()).isTrue();

        os.set(NtpSync.UNKNOWN);
        worker.requestSync();
        await().atMost(Duration.ofSeconds(20)).until(() -> samples.size() >= 2);
        assertThat(samples.get(samples.size() - 1).getOsClockSynchronized()).isFalse();
    }
}
