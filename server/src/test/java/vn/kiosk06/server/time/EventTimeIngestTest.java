package vn.kiosk06.server.time;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.MethodDescriptor;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import vn.kiosk06.server.report.rollup.Rollup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.proto.sync.v1.Ack;
import vn.kiosk06.proto.sync.v1.CaseType;
import vn.kiosk06.proto.sync.v1.ClockSample;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.EventBatch;
import vn.kiosk06.proto.sync.v1.HandshakeRequest;
import vn.kiosk06.proto.sync.v1.HandshakeResponse;
import vn.kiosk06.proto.sync.v1.Reception;
import vn.kiosk06.proto.sync.v1.SyncServiceGrpc;
import vn.kiosk06.server.RunningServer;
import vn.kiosk06.server.Uploads;
import vn.kiosk06.server.TestEvents;
import vn.kiosk06.server.report.ReportingCalendar;
import vn.kiosk06.server.report.ReportingPeriod;
import vn.kiosk06.server.store.DeviceSummary;
import vn.kiosk06.server.store.EventStore;
import vn.kiosk06.server.store.StoredEventTime;
import vn.kiosk06.wire.BootId;
import vn.kiosk06.wire.ClockMeasurement;

/**
 * Decision 3 end to end: devices' events and clock samples go over real gRPC into a real SQLite store, and the
 * stored corrected times land in the right reporting month (11th to 10th, Asia/Ho_Chi_Minh), or are flagged
 * "time unknown" and counted as such.
 */
class EventTimeIngestTest {

    private static final ReportingCalendar.Monthly MONTHS = new ReportingCalendar.Monthly(11);
    private static final Duration FIVE_YEARS = Duration.ofDays(5 * 365 + 1);

    @TempDir
    Path dir;
    RunningServer server;
    EventStore store;

    @BeforeEach
    void start() {
        server = new RunningServer(dir);
        store = server.bean(EventStore.class);
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
    }

    private static Instant hcm(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ReportingPeriod.ZONE).toInstant();
    }

    private static Duration h(double hours) {
        return Duration.ofMillis(Math.round(hours * 3_600_000));
    }

    private static Event event(long seq, DeviceEventTime t) {
        return TestEvents.envelope(seq)
                .setWallTimeMs(t.wallTimeMs())
                .setBootId(ByteString.copyFrom(t.bootId().toBytes()))
                .setMonotonicNanos(t.monotonicNanos())
                .setReception(Reception.newBuilder().setCaseType(CaseType.BHYT).setDepartment("NOI"))
                .build();
    }

    private static ClockSample sample(ClockMeasurement m) {
        return ClockSample.newBuilder()
                .setBootId(ByteString.copyFrom(m.bootId().toBytes()))
                .setMonotonicNanos(m.monotonicNanosAtSend())
                .setDeviceSendTimeMs(m.deviceSendTimeMs())
                .setServerReceiveTimeMs(m.serverReceiveTimeMs())
                .setServerTransmitTimeMs(m.serverTransmitTimeMs())
                .setDeviceReceiveTimeMs(m.deviceReceiveTimeMs())
                .build();
    }

    List<Ack> upload(EventBatch... batches) {
        return Uploads.upload(server.channel(), batches);
    }

    private static EventBatch.Builder batch(String device) {
        return EventBatch.newBuilder().setDeviceId(device);
    }

    private DeviceSummary device(String id) {
        return store.device(id).orElseThrow();
    }

    private static Instant corrected(StoredEventTime t) {
        assertThat(t.corrected()).as("corrected time of seq %d (%s)", t.seq(), t.quality()).isPresent();
        return t.corrected().orElseThrow();
    }

    private static void assertNear(Instant actual, Instant truth) {
        assertThat(Duration.between(truth, actual).abs()).as("%s vs truth %s", actual, truth)
                .isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void piBootsAt1970_logs100EventsOffline_thenSyncs_allLandInTheRightMonth() {
        // Power cut, no network: the Pi boots at 16:00 on the 10th with its clock at the Unix epoch and logs an
        // event every 5 minutes from 16:01:30 to 00:16:30 (96 before midnight, 4 after); the network comes back
        // at 00:30 on the 11th, the clock still in 1970 at the handshake.
        SimulatedBoot boot = SimulatedBoot.of("pi-field-07", "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
                hcm("2026-03-10T16:00:00"), Instant.EPOCH);
        EventBatch.Builder batch = batch("pi-field-07");
        List<Instant> truth = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Duration at = Duration.ofSeconds(90).plusMinutes(5L * i);
            batch.addEvents(event(i + 1, boot.eventAt(at)));
            truth.add(boot.trueAt(at));
        }
        batch.addClockSamples(sample(boot.handshakeAt(h(8.5))));

        Ack ack = upload(batch.build()).get(0);

        assertThat(ack.getStored()).isEqualTo(100);
        List<StoredEventTime> times = store.eventTimes("pi-field-07");
        assertThat(times).hasSize(100);
        Map<ReportingPeriod, Integer> perMonth = new TreeMap<>((a, b) -> a.firstDay().compareTo(b.firstDay()));
        for (StoredEventTime t : times) {
            assertThat(t.wallTime().atZone(ReportingPeriod.ZONE).getYear()).isEqualTo(1970);
            Instant trueAt = truth.get((int) t.seq() - 1);
            assertNear(corrected(t), trueAt);
            assertThat(MONTHS.periodAt(corrected(t))).isEqualTo(MONTHS.periodAt(trueAt));
            perMonth.merge(MONTHS.periodAt(corrected(t)), 1, Integer::sum);
        }
        ReportingPeriod march = MONTHS.periodOn(java.time.LocalDate.of(2026, 3, 10));
        ReportingPeriod april = MONTHS.after(march);
        assertThat(perMonth).containsExactly(Map.entry(march, 96), Map.entry(april, 4));
        assertThat(store.countByCorrectedTime("pi-field-07", march.start(), march.end())).isEqualTo(96);
        assertThat(store.countByCorrectedTime("pi-field-07", april.start(), april.end())).isEqualTo(4);
        assertThat(store.countTimeUnknown("pi-field-07")).isZero();
        DeviceSummary pi = device("pi-field-07");
        assertThat(pi.eventsCorrected()).isEqualTo(100);
        assertThat(pi.clockMeasured()).isTrue();
        assertThat(Duration.ofMillis(pi.clockOffsetMs()).toDays() / 365).isEqualTo(56);
    }

    @Test
    void kioskThreeDaysFast_handshakeOverGrpc_eventsAreCorrected() {
        // A real handshake against the server's clock, from a kiosk whose clock runs three days ahead.
        Duration fast = Duration.ofDays(3);
        SyncServiceGrpc.SyncServiceBlockingStub blocking =
                SyncServiceGrpc.newBlockingStub(server.channel()).withDeadlineAfter(20, TimeUnit.SECONDS);
        BootId boot = BootId.parse("11111111222233334444555555555555");
        long monoAtHandshake = h(5).toNanos();
        long t0 = Instant.now().plus(fast).toEpochMilli();
        HandshakeResponse hello = blocking.handshake(HandshakeRequest.newBuilder().setDeviceId("kiosk-pq-01")
                .setBootId(ByteString.copyFrom(boot.toBytes())).setDeviceSendTimeMs(t0)
                .setMonotonicNanos(monoAtHandshake).setAppVersion("0.1.0").build());
        long t3 = Instant.now().plus(fast).toEpochMilli();
        ClockSample measured = ClockSample.newBuilder().setBootId(ByteString.copyFrom(boot.toBytes()))
                .setMonotonicNanos(monoAtHandshake).setDeviceSendTimeMs(t0)
                .setServerReceiveTimeMs(hello.getServerReceiveTimeMs())
                .setServerTransmitTimeMs(hello.getServerTransmitTimeMs()).setDeviceReceiveTimeMs(t3).build();
        // Events from the last four hours of this boot, stamped by the fast clock.
        EventBatch.Builder batch = batch("kiosk-pq-01").addClockSamples(measured);
        List<Instant> truth = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Duration before = h(4 - i);
            Instant trueAt = Instant.ofEpochMilli(t0).minus(fast).minus(before);
            truth.add(trueAt);
            batch.addEvents(event(i + 1, new DeviceEventTime("kiosk-pq-01", boot,
                    trueAt.plus(fast).toEpochMilli(), monoAtHandshake - before.toNanos())));
        }

        upload(batch.build());

        for (StoredEventTime t : store.eventTimes("kiosk-pq-01")) {
            assertThat(t.quality()).isEqualTo(TimeQuality.MEASURED);
            assertNear(corrected(t), truth.get((int) t.seq() - 1));
        }
        DeviceSummary kiosk = device("kiosk-pq-01");
        assertThat(Duration.ofMillis(kiosk.clockOffsetMs()).plus(fast).abs()).isLessThan(Duration.ofSeconds(1));
        assertThat(kiosk.clockRoundTripMs()).isNotNegative();
        assertThat(kiosk.eventsCorrected()).isEqualTo(5);
        assertThat(kiosk.eventsTimeUnknown()).isZero();
    }

    @Test
    void piRebootsTwiceWithoutReachingTheServer_thoseBootsAreTimeUnknownAndCountedInTheExplicitLine()
            throws Exception {
        Instant day = hcm("2026-03-04T07:00:00");
        SimulatedBoot reached = SimulatedBoot.of("pi-field-08", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", day, day);
        SimulatedBoot cutOnce = SimulatedBoot.of("pi-field-08", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", day.plus(h(3)), Instant.EPOCH);
        SimulatedBoot cutTwice = SimulatedBoot.of("pi-field-08", "cccccccccccccccccccccccccccccccc", day.plus(h(5)), Instant.EPOCH);
        SimulatedBoot syncs = SimulatedBoot.of("pi-field-08", "dddddddddddddddddddddddddddddddd", day.plus(h(7)), Instant.EPOCH);
        EventBatch first = batch("pi-field-08")
                .addEvents(event(1, reached.eventAt(h(0.1))))
                .addClockSamples(sample(reached.handshakeAt(h(0.2))))
                .build();
        EventBatch later = batch("pi-field-08")
                .addEvents(event(2, cutOnce.eventAt(h(0.05))))
                .addEvents(event(3, cutOnce.eventAt(h(1))))
                .addEvents(event(4, cutTwice.eventAt(h(0.04))))
                .addEvents(event(5, cutTwice.eventAt(h(1.5))))
                .addEvents(event(6, syncs.eventAt(h(0.04))))
                .addClockSamples(sample(syncs.handshakeAt(h(0.05))))
                .build();

        upload(first);
        upload(later);

        Map<Long, TimeQuality> quality = store.eventTimes("pi-field-08").stream()
                .collect(Collectors.toMap(StoredEventTime::seq, StoredEventTime::quality));
        assertThat(quality).containsEntry(1L, TimeQuality.MEASURED).containsEntry(6L, TimeQuality.MEASURED)
                .containsEntry(2L, TimeQuality.UNKNOWN).containsEntry(3L, TimeQuality.UNKNOWN)
                .containsEntry(4L, TimeQuality.UNKNOWN).containsEntry(5L, TimeQuality.UNKNOWN);
        assertNear(corrected(store.eventTimes("pi-field-08").get(5)), syncs.trueAt(h(0.04)));
        assertThat(store.countTimeUnknown("pi-field-08")).isEqualTo(4);
        // No period holds them: the month of the Pi's days counts only the two events it could place.
        ReportingPeriod month = MONTHS.periodAt(day);
        assertThat(store.countByCorrectedTime("pi-field-08", month.start(), month.end())).isEqualTo(2);
        assertThat(store.countByCorrectedTime("pi-field-08", Instant.EPOCH, month.start())).isZero();
        DeviceSummary pi = device("pi-field-08");
        assertThat(pi.eventsTimeUnknown()).isEqualTo(4);
        assertThat(pi.eventsCorrected()).isEqualTo(2);

        HttpResponse<String> devices = server.loginAdmin().get("/api/v1/devices");

        assertThat(devices.statusCode()).isEqualTo(200);
        assertThat(devices.body()).contains("\"deviceId\":\"pi-field-08\"", "\"eventsTimeUnknown\":4",
                "\"eventsCorrected\":2", "\"clockMeasured\":true", "\"clockOffsetMs\":" + pi.clockOffsetMs());
    }

    @Test
    void eventStampedFiveYearsInTheFuture_isNotBelieved() {
        // A corrupt journal row: wall and monotonic time both five years past the handshake, so only the
        // server's receive time (now) contradicts the stamp.
        Instant trueBoot = Instant.now().minus(h(2));
        SimulatedBoot boot = SimulatedBoot.of("kiosk-pq-02", "5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b", trueBoot, trueBoot);
        EventBatch batch = batch("kiosk-pq-02")
                .addEvents(event(1, boot.eventAt(h(0.5))))
                .addEvents(event(2, boot.eventAt(h(1).plus(FIVE_YEARS))))
                .addClockSamples(sample(boot.handshakeAt(h(1))))
                .build();

        upload(batch);

        List<StoredEventTime> times = store.eventTimes("kiosk-pq-02");
        assertNear(corrected(times.get(0)), boot.trueAt(h(0.5)));
        assertThat(times.get(1).quality()).isEqualTo(TimeQuality.UNKNOWN);
        assertThat(times.get(1).corrected()).isEmpty();
        assertThat(times.get(1).wallTime()).isAfter(Instant.now().plus(Duration.ofDays(4 * 365)));
        assertThat(store.countTimeUnknown("kiosk-pq-02")).isEqualTo(1);
        assertThat(store.countByCorrectedTime("kiosk-pq-02", Instant.now(), Instant.now().plus(FIVE_YEARS.multipliedBy(2))))
                .isZero();
    }

    @Test
    void eventAtHalfASecondBeforeMidnightOnThe10th_onAFastKiosk_landsInTheMonthEndingThatDay() {
        Instant truth = hcm("2026-03-10T23:59:59.500");
        Instant trueBoot = hcm("2026-03-10T07:00:00");
        // Three minutes fast: the raw stamp reads 00:02:59.5 on the 11th, the next reporting month.
        SimulatedBoot boot = SimulatedBoot.of("kiosk-pq-03", "10101010101010101010101010101010",
                trueBoot, trueBoot.plus(Duration.ofMinutes(3)));
        DeviceEventTime event = boot.eventAt(Duration.between(trueBoot, truth));
        assertThat(MONTHS.periodAt(event.wallTime())).isEqualTo(MONTHS.after(MONTHS.periodAt(truth)));

        upload(batch("kiosk-pq-03")
                .addEvents(event(1, event))
                .addClockSamples(sample(boot.handshakeAt(h(1))))
                .addClockSamples(sample(boot.handshakeAt(h(25))))
                .build());

        Instant corrected = corrected(store.eventTimes("kiosk-pq-03").get(0));
        assertNear(corrected, truth);
        ReportingPeriod month = MONTHS.periodAt(truth);
        assertThat(month.lastDay()).isEqualTo(java.time.LocalDate.of(2026, 3, 10));
        assertThat(MONTHS.periodAt(corrected)).isEqualTo(month);
        assertThat(store.countByCorrectedTime("kiosk-pq-03", month.start(), month.end())).isEqualTo(1);
    }

    @Test
    void eventsArriveBeforeTheirBootsMeasurement_firstUnknown_thenCorrectedWhenTheSampleArrives() {
        Instant trueBoot = hcm("2026-06-10T20:00:00");
        SimulatedBoot boot = SimulatedBoot.of("pi-field-09", "99999999999999999999999999999999", trueBoot, Instant.EPOCH);
        EventBatch.Builder offline = batch("pi-field-09");
        // Every quarter hour and a half minute (never exactly on midnight: a correction is good to milliseconds).
        for (int i = 1; i <= 20; i++) {
            offline.addEvents(event(i, boot.eventAt(h(0.25 * i).plusSeconds(90))));
        }

        upload(offline.build());

        assertThat(store.eventTimes("pi-field-09")).allSatisfy(t -> assertThat(t.quality()).isEqualTo(TimeQuality.UNKNOWN));
        assertThat(device("pi-field-09").eventsTimeUnknown()).isEqualTo(20);
        assertThat(device("pi-field-09").clockMeasured()).isFalse();

        // The next upload of the same boot carries the handshake's sample (and one more event).
        upload(batch("pi-field-09")
                .addEvents(event(21, boot.eventAt(h(5.5))))
                .addClockSamples(sample(boot.handshakeAt(h(6))))
                .build());

        List<StoredEventTime> times = store.eventTimes("pi-field-09");
        assertThat(times).hasSize(21);
        for (StoredEventTime t : times) {
            Duration at = t.seq() == 21 ? h(5.5) : h(0.25 * t.seq()).plusSeconds(90);
            assertThat(t.quality()).isEqualTo(TimeQuality.MEASURED);
            assertNear(corrected(t), boot.trueAt(at));
            assertThat(MONTHS.periodAt(corrected(t))).isEqualTo(MONTHS.periodAt(boot.trueAt(at)));
        }
        DeviceSummary pi = device("pi-field-09");
        assertThat(pi.eventsTimeUnknown()).isZero();
        assertThat(pi.eventsCorrected()).isEqualTo(21);
        assertThat(store.countTimeUnknown("pi-field-09")).isZero();
        // 20:16:30 on the 10th to 01:30 on the 11th: 15 events before the month ends at midnight.
        assertThat(store.countByCorrectedTime("pi-field-09", MONTHS.periodAt(trueBoot).start(),
                MONTHS.periodAt(trueBoot).end())).isEqualTo(15);
    }

    @Test
    void invalidClockSample_isSkipped_andTheBatchStillLands() {
        SimulatedBoot boot = SimulatedBoot.of("kiosk-pq-04", "44444444444444444444444444444444",
                hcm("2026-03-04T07:00:00"), hcm("2026-03-04T07:00:00"));
        ClockMeasurement good = boot.handshakeAt(h(1));
        ClockSample steppedBack = sample(good).toBuilder().setDeviceReceiveTimeMs(good.deviceSendTimeMs() - 60_000).build();

        Ack ack = upload(batch("kiosk-pq-04")
                .addEvents(event(1, boot.eventAt(h(0.5))))
                .addClockSamples(steppedBack)
                .build()).get(0);

        assertThat(ack.getStored()).isEqualTo(1);
        assertThat(store.eventTimes("kiosk-pq-04")).singleElement()
                .satisfies(t -> assertThat(t.quality()).isEqualTo(TimeQuality.UNKNOWN));
        assertThat(device("kiosk-pq-04").clockMeasured()).isFalse();
    }

    @Test
    void replayedBatch_doesNotCountItsEventsTwice() {
        SimulatedBoot boot = SimulatedBoot.of("kiosk-pq-05", "55555555555555555555555555555555",
                hcm("2026-03-04T07:00:00"), hcm("2026-03-04T07:00:00"));
        EventBatch once = batch("kiosk-pq-05")
                .addEvents(event(1, boot.eventAt(h(0.5))))
                .addEvents(event(2, boot.eventAt(h(0.6))))
                .addClockSamples(sample(boot.handshakeAt(h(1))))
                .build();

        upload(once);
        upload(once);

        DeviceSummary kiosk = device("kiosk-pq-05");
        assertThat(kiosk.eventsStored()).isEqualTo(2);
        assertThat(kiosk.eventsCorrected()).isEqualTo(2);
        assertThat(kiosk.eventsTimeUnknown()).isZero();
    }

    /** Holds each request message back {@code uplink} before it leaves: a slow uplink, as a congested 3G link has. */
    private static ClientInterceptor slowUplink(Duration uplink) {
        return new ClientInterceptor() {
            @Override
            public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                    @Override
                    public void sendMessage(Q message) {
                        CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(
                                uplink.toNanos(), TimeUnit.NANOSECONDS)).join();
                        super.sendMessage(message);
                    }
                };
            }
        };
    }

    /**
     * A device whose wall clock is the server's own (exact) and whose boot began 40 days before the test: its
     * monotonic time at any wall time follows from that.
     */
    private static final long BOOTED_AT_MS = System.currentTimeMillis() - Duration.ofDays(40).toMillis();

    private static long monoAt(long wallMs) {
        return (wallMs - BOOTED_AT_MS) * 1_000_000;
    }

    /** A real handshake of that exact-clock device, stamped as a device stamps it. */
    private ClockSample handshake(String device, BootId boot, Duration uplink, boolean osSynchronized) {
        SyncServiceGrpc.SyncServiceBlockingStub blocking = SyncServiceGrpc.newBlockingStub(server.channel())
                .withInterceptors(slowUplink(uplink)).withDeadlineAfter(20, TimeUnit.SECONDS);
        long t0 = System.currentTimeMillis();
        long mono = monoAt(t0);
        HandshakeResponse hello = blocking.handshake(HandshakeRequest.newBuilder().setDeviceId(device)
                .setBootId(ByteString.copyFrom(boot.toBytes())).setDeviceSendTimeMs(t0)
                .setMonotonicNanos(mono).setAppVersion("0.1.0").build());
        long t3 = System.currentTimeMillis();
        return ClockSample.newBuilder().setBootId(ByteString.copyFrom(boot.toBytes())).setMonotonicNanos(mono)
                .setDeviceSendTimeMs(t0).setServerReceiveTimeMs(hello.getServerReceiveTimeMs())
                .setServerTransmitTimeMs(hello.getServerTransmitTimeMs()).setDeviceReceiveTimeMs(t3)
                .setOsClockSynchronized(osSynchronized).build();
    }

    private static Duration roundTrip(ClockSample s) {
        return vn.kiosk06.wire.NtpTimes.roundTrip(s.getDeviceSendTimeMs(), s.getServerReceiveTimeMs(),
                s.getServerTransmitTimeMs(), s.getDeviceReceiveTimeMs());
    }

    /** The monthly edge (the 11th, 00:00 Asia/Ho_Chi_Minh) that began the current reporting month. */
    private static Instant currentMonthEdge() {
        return MONTHS.periodAt(Instant.now()).start();
    }

    /** Receptions at 23:59:59.999 and 00:00:00.000 either side of {@code edge}, in {@code boot} of the exact clock. */
    private static EventBatch.Builder edgeEvents(BootId boot, Instant edge) {
        EventBatch.Builder batch = batch("kiosk-edge");
        long seq = 1;
        for (Instant wall : List.of(edge.minusMillis(1), edge)) {
            batch.addEvents(event(seq++, new DeviceEventTime("kiosk-edge", boot, wall.toEpochMilli(),
                    monoAt(wall.toEpochMilli()))));
        }
        return batch;
    }

    private void assertEachInItsOwnDayAndPeriod(String device, Instant edge) {
        List<StoredEventTime> times = store.eventTimes(device);
        assertThat(times).extracting(StoredEventTime::corrected)
                .containsExactly(Optional.of(edge.minusMillis(1)), Optional.of(edge));
        ReportingPeriod before = MONTHS.periodAt(edge.minusMillis(1));
        ReportingPeriod after = MONTHS.periodAt(edge);
        assertThat(after).isEqualTo(MONTHS.after(before));
        assertThat(store.countByCorrectedTime(device, before.start(), before.end())).isEqualTo(1);
        assertThat(store.countByCorrectedTime(device, after.start(), after.end())).isEqualTo(1);
        LocalDate tenth = before.lastDay();
        LocalDate eleventh = after.firstDay();
        assertThat(store.rollupTotals(List.of(device), tenth, tenth).counters()[Rollup.BHYT]).isEqualTo(1);
        assertThat(store.rollupTotals(List.of(device), eleventh, eleventh).counters()[Rollup.BHYT]).isEqualTo(1);
    }

    @Test
    void exactSynchronisedClock_handshakeOverASlowUplink_eventsAt235959999And000000000CountInTheirOwnDayAndPeriod() {
        BootId boot = BootId.parse("abababababababababababababababab");
        ClockSample sample = handshake("kiosk-edge", boot, Duration.ofMillis(9), true);
        assertThat(roundTrip(sample)).isGreaterThanOrEqualTo(Duration.ofMillis(9)); // the delay was there
        Instant edge = currentMonthEdge();
        EventBatch.Builder batch = edgeEvents(boot, edge).addClockSamples(sample);

        upload(batch.build());

        assertEachInItsOwnDayAndPeriod("kiosk-edge", edge);
    }

    @Test
    void betterSampleOverGrpc_reCorrectsTheBoot_andMovesTheMidnightEventBackToItsPeriod() {
        // Before NTP has synchronised the device, a handshake over a 40 ms uplink measures it "20 ms slow" and the
        // server has nothing better: the 23:59:59.999 event is carried over the edge.
        BootId boot = BootId.parse("cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd");
        ClockSample first = handshake("kiosk-edge", boot, Duration.ofMillis(40), false);
        Instant edge = currentMonthEdge();
        EventBatch.Builder batch = edgeEvents(boot, edge).addClockSamples(first);
        upload(batch.build());
        assertThat(corrected(store.eventTimes("kiosk-edge").get(0))).isAfterOrEqualTo(edge);

        // Later in the same boot: NTP has synchronised the clock, and a handshake without the slow uplink measures
        // it tightly. Sent with a heartbeat, it re-times the boot's stored events.
        ClockSample better = first;
        for (int attempt = 0; attempt < 20 && roundTrip(better).compareTo(roundTrip(first)) >= 0; attempt++) {
            better = handshake("kiosk-edge", boot, Duration.ZERO, true);
        }
        assertThat(roundTrip(better)).isLessThan(roundTrip(first));
        upload(batch("kiosk-edge").addClockSamples(better).addEvents(TestEvents.envelope(3)
                .setWallTimeMs(better.getDeviceSendTimeMs()).setBootId(ByteString.copyFrom(boot.toBytes()))
                .setMonotonicNanos(better.getMonotonicNanos())
                .setHeartbeat(vn.kiosk06.proto.sync.v1.DeviceHeartbeat.newBuilder().setAppVersion("0.1.0"))).build());

        List<StoredEventTime> times = store.eventTimes("kiosk-edge");
        assertThat(times).extracting(StoredEventTime::corrected).startsWith(Optional.of(edge.minusMillis(1)),
                Optional.of(edge));
        ReportingPeriod before = MONTHS.periodAt(edge.minusMillis(1));
        assertThat(store.countByCorrectedTime("kiosk-edge", before.start(), before.end())).isEqualTo(1);
        LocalDate tenth = before.lastDay();
        assertThat(store.rollupTotals(List.of("kiosk-edge"), tenth, tenth).counters()[Rollup.BHYT]).isEqualTo(1);
        assertThat(store.rollupTotals(List.of("kiosk-edge"), tenth.plusDays(1), tenth.plusDays(1))
                .counters()[Rollup.BHYT]).isEqualTo(1);
    }
}
