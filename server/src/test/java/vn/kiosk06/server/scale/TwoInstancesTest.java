package vn.kiosk06.server.scale;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.proto.sync.v1.Ack;
import vn.kiosk06.proto.sync.v1.ClockSample;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.EventBatch;
import vn.kiosk06.proto.sync.v1.HandshakeRequest;
import vn.kiosk06.proto.sync.v1.HandshakeResponse;
import vn.kiosk06.proto.sync.v1.SyncServiceGrpc;
import vn.kiosk06.server.DashboardClient;
import vn.kiosk06.server.RunningServer;
import vn.kiosk06.server.TestEvents;
import vn.kiosk06.server.Uploads;
import vn.kiosk06.server.security.Role;
import vn.kiosk06.server.db.EmbeddedPg;
import vn.kiosk06.server.report.ReportCommand;
import vn.kiosk06.server.store.EventStore;
import vn.kiosk06.server.report.rollup.Rollup;
import vn.kiosk06.server.store.StoredEvent;

/**
 * Two real aggregators (HTTP + gRPC on their own ports, their own data directories) on one embedded PostgreSQL:
 * a device uploads half its backlog to one, loses the connection mid-batch, reconnects to the other, resumes from
 * that instance's answer, and every event ends up stored once with the same reports on both.
 */
class TwoInstancesTest {

    private static final String DEVICE = "kiosk-pq-01"; // a kiosk of the bundled demo org-unit tree (unit PQ)
    private static final byte[] BOOT = bytes(0x5A);
    private static final int BACKLOG = 1000;
    private static final int BATCH = 50;

    private static EmbeddedPg pg;
    @TempDir
    Path dirA;
    @TempDir
    Path dirB;
    RunningServer a;
    RunningServer b;

    @BeforeAll
    static void startPostgres() {
        pg = EmbeddedPg.start();
    }

    @AfterAll
    static void stopPostgres() {
        pg.close();
    }

    String jdbc;
    final Map<RunningServer, DashboardClient> admins = new java.util.HashMap<>();

    @BeforeEach
    void startInstances() {
        jdbc = pg.newDatabase();
        // One instance configured as an operator writes it, the other with the JDBC URL: both name one database.
        a = new RunningServer(dirA, Map.of("kiosk06.server.db", pg.libpqUrl(jdbc)));
        b = new RunningServer(dirB, Map.of("kiosk06.server.db", jdbc));
    }

    @AfterEach
    void stopInstances() throws InterruptedException {
        a.close();
        b.close();
    }

    private static byte[] bytes(int fill) {
        byte[] x = new byte[16];
        java.util.Arrays.fill(x, (byte) fill);
        return x;
    }

    /** Receptions first..last of one measured boot (the first batch carries the handshake's clock sample). */
    private static EventBatch batch(long first, long last) {
        EventBatch.Builder out = EventBatch.newBuilder().setDeviceId(DEVICE);
        for (long s = first; s <= last; s++) {
            Event e = TestEvents.reception(s);
            out.addEvents(e.toBuilder().setBootId(ByteString.copyFrom(BOOT)));
        }
        if (first == 1) {
            long t0 = TestEvents.reception(1).getWallTimeMs() - 1000; // the boot's wall clock is right
            out.addClockSamples(ClockSample.newBuilder().setBootId(ByteString.copyFrom(BOOT)).setMonotonicNanos(0)
                    .setDeviceSendTimeMs(t0).setServerReceiveTimeMs(t0 + 40).setServerTransmitTimeMs(t0 + 45)
                    .setDeviceReceiveTimeMs(t0 + 90));
        }
        return out.build();
    }

    private static HandshakeResponse handshake(RunningServer server) {
        return SyncServiceGrpc.newBlockingStub(server.channel()).handshake(HandshakeRequest.newBuilder()
                .setDeviceId(DEVICE).setBootId(ByteString.copyFrom(BOOT)).setDeviceSendTimeMs(System.currentTimeMillis())
                .setMonotonicNanos(1).setAppVersion("1.0.0").setLastSeq(BACKLOG).build());
    }

    /** Reads the API as an admin logged in on that instance (users, like sessions, live in the shared database). */
    private String get(RunningServer server, String pathAndQuery) {
        DashboardClient admin = admins.computeIfAbsent(server,
                s -> s.login("admin-" + (s == a ? "a" : "b"), Role.ADMIN, "ROOT"));
        HttpResponse<String> r = admin.get(pathAndQuery);
        assertThat(r.statusCode()).as(pathAndQuery).isEqualTo(200);
        return r.body();
    }

    @Test
    void deviceSwitchesInstanceMidBacklog_resumesFromTheOthersAck_everyEventOnce_sameReportsOnBoth() throws Exception {
        // Half the backlog to A, acknowledged batch by batch.
        List<EventBatch> toA = new ArrayList<>();
        for (long s = 1; s <= BACKLOG / 2; s += BATCH) {
            toA.add(batch(s, s + BATCH - 1));
        }
        List<Ack> acks = Uploads.upload(a.channel(), toA.toArray(EventBatch[]::new));
        assertThat(acks.get(acks.size() - 1).getWatermark()).isEqualTo(BACKLOG / 2);
        // The next batch reaches A, but the connection drops before its ack does: the device does not know.
        Uploads.upload(a.channel(), batch(BACKLOG / 2 + 1, BACKLOG / 2 + BATCH));

        // The device reconnects — the load balancer picks B — and resumes from what B says is stored.
        HandshakeResponse hello = handshake(b);
        assertThat(hello.getWatermark()).isEqualTo(BACKLOG / 2 + BATCH);
        assertThat(hello.getMissingList()).isEmpty();
        List<EventBatch> toB = new ArrayList<>();
        for (long s = hello.getWatermark() + 1; s <= BACKLOG; s += BATCH) {
            toB.add(batch(s, s + BATCH - 1));
        }
        // A cautious device also replays its last unacknowledged batch; B must treat it as a no-op.
        toB.add(0, batch(BACKLOG / 2 + 1, BACKLOG / 2 + BATCH));
        List<Ack> fromB = Uploads.upload(b.channel(), toB.toArray(EventBatch[]::new));
        assertThat(fromB.get(0).getStored()).isZero();
        assertThat(fromB.get(fromB.size() - 1).getWatermark()).isEqualTo(BACKLOG);

        for (RunningServer s : List.of(a, b)) {
            EventStore store = s.bean(EventStore.class);
            List<StoredEvent> stored = store.events(DEVICE, 0, 10 * BACKLOG);
            assertThat(stored).extracting(StoredEvent::seq)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, BACKLOG).boxed().toList());
            assertThat(store.device(DEVICE).orElseThrow().eventsStored()).isEqualTo(BACKLOG);
            LocalDate day = LocalDate.parse("2026-06-09");
            assertThat(store.rollupTotals(List.of(DEVICE), day, day).counters()[Rollup.BHYT]).isEqualTo(BACKLOG);
        }
        String period = URLEncoder.encode("month:11@2026-06", StandardCharsets.UTF_8);
        String reportA = get(a, "/api/v1/report.txt?unit=PQ&period=" + period);
        assertThat(reportA).contains("1.000 ca");
        assertThat(get(b, "/api/v1/report.txt?unit=PQ&period=" + period)).isEqualTo(reportA);
        assertThat(get(b, "/api/v1/report?unit=PQ&period=" + period))
                .isEqualTo(get(a, "/api/v1/report?unit=PQ&period=" + period));
        assertThat(get(b, "/api/v1/devices/" + DEVICE)).isEqualTo(get(a, "/api/v1/devices/" + DEVICE));
        // ./kiosk06 report --db reads the same database and prints the same paragraph (the test's log shares stdout).
        assertThat(reportCommand("--db", jdbc, "--unit", "PQ", "--period", "month:11@2026-06")).contains(reportA + "\n");
    }

    /** Runs {@code ./kiosk06 report} in this JVM and returns what it printed. */
    private static String reportCommand(String... args) {
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stdout = System.out;
        System.setOut(new java.io.PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertThat(new picocli.CommandLine(new ReportCommand()).execute(args)).isZero();
        } finally {
            System.setOut(stdout);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }
}
