package vn.kiosk06.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.kiosk06.proto.sync.v1.CardRead;
import vn.kiosk06.proto.sync.v1.DeviceHeartbeat;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.ReadOutcome;
import vn.kiosk06.proto.sync.v1.AgeGroup;
import vn.kiosk06.proto.sync.v1.FieldActivity;
import vn.kiosk06.proto.sync.v1.FieldAssist;
import vn.kiosk06.proto.sync.v1.VoidEvent;
import vn.kiosk06.proto.sync.v1.VoidReason;
import vn.kiosk06.server.TestEvents;
import vn.kiosk06.server.report.ReportingPeriod;
import vn.kiosk06.server.report.rollup.Rollup;
import vn.kiosk06.server.report.rollup.RollupTotals;
import vn.kiosk06.server.time.TimeQuality;

/**
 * What every {@link EventStore} must do, whatever the engine: one suite, run against SQLite and PostgreSQL by its
 * subclasses (as grpc-java's AbstractTransportTest). Drives the store directly with batches as the ingest service
 * builds them, through real files and a real database.
 */
abstract class EventStoreContractTest {

    /** A device whose clock runs 3 h fast; its boot began at {@link #BOOT_AT} (true time). */
    static final long OFFSET_MS = 3 * 3_600_000L;
    static final Instant BOOT_AT = LocalDateTime.parse("2026-03-04T07:00:00").atZone(ReportingPeriod.ZONE).toInstant();
    static final LocalDate DAY = LocalDate.parse("2026-03-04");
    static final byte[] BOOT = bytes(0x11);
    static final byte[] OTHER_BOOT = bytes(0x22);

    EventStore store;

    /** A fresh, empty store of the engine under test. */
    abstract EventStore openStore();

    /** A plain connection to the store's database (autocommit), for rows other parts of the server write. */
    abstract java.sql.Connection connectToDatabase() throws java.sql.SQLException;

    @BeforeEach
    void open() {
        store = openStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    // ------------------------------------------------------------------ building batches

    static byte[] bytes(int fill) {
        byte[] b = new byte[16];
        java.util.Arrays.fill(b, (byte) fill);
        return b;
    }

    /** A reception {@code minutes} after boot, on the fast clock. */
    static IncomingEvent reception(long seq, long minutes, byte[] boot) {
        return incoming(TestEvents.reception(seq), minutes, boot);
    }

    static IncomingEvent incoming(Event e, long minutes, byte[] boot) {
        long mono = minutes * 60_000_000_000L;
        Event timed = e.toBuilder().setWallTimeMs(BOOT_AT.toEpochMilli() + minutes * 60_000 + OFFSET_MS)
                .setMonotonicNanos(mono).setBootId(ByteString.copyFrom(boot)).build();
        return new IncomingEvent(seq(timed), timed.getPayloadCase().getNumber(), timed.getWallTimeMs(), boot, mono,
                timed.toByteArray());
    }

    private static long seq(Event e) {
        return e.getSeq();
    }

    /** The handshake sample a device takes {@code minutes} after boot: 40 ms out, 5 ms on the server, 45 back. */
    static ClockMeasurementRow sample(long minutes, byte[] boot) {
        long trueMs = BOOT_AT.toEpochMilli() + minutes * 60_000;
        return new ClockMeasurementRow(boot, minutes * 60_000_000_000L, trueMs + OFFSET_MS, trueMs + 40, trueMs + 45,
                trueMs + 90 + OFFSET_MS);
    }

    static long receivedAt(long minutes) {
        return BOOT_AT.toEpochMilli() + minutes * 60_000;
    }

    static IngestBatch batch(String device, List<IncomingEvent> events, List<ClockMeasurementRow> samples) {
        return new IngestBatch(device, events, List.of(), samples, receivedAt(600));
    }

    /** Receptions {@code first..last} in boot {@link #BOOT}, a minute apart, with a sample of that boot. */
    static IngestBatch receptions(String device, long first, long last) {
        List<IncomingEvent> events = new ArrayList<>();
        for (long s = first; s <= last; s++) {
            events.add(reception(s, s, BOOT));
        }
        return batch(device, events, List.of(sample(1, BOOT)));
    }

    static Event cardRead(long seq, int citizen) {
        return TestEvents.envelope(seq).setCardRead(CardRead.newBuilder().setOutcome(ReadOutcome.READ_OK)
                .setCitizenKey(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, (byte) citizen}))).build();
    }

    // ------------------------------------------------------------------ ingest, replay, quarantine, watermark

    @Test
    void ingest_storesEachEventOnce_andAdvancesTheWatermark() {
        IngestOutcome outcome = store.ingest(receptions("kiosk-1", 1, 5));

        assertThat(outcome).isEqualTo(new IngestOutcome(5, 0, 0, 5));
        DeviceSummary d = store.device("kiosk-1").orElseThrow();
        assertThat(d.eventsStored()).isEqualTo(5);
        assertThat(d.watermark()).isEqualTo(5);
        assertThat(d.maxSeq()).isEqualTo(5);
        assertThat(d.missing()).isEmpty();
        assertThat(store.watermark("kiosk-1")).isEqualTo(5);
        assertThat(store.watermark("never-called")).isZero();
        assertThat(store.devices()).extracting(DeviceSummary::deviceId).containsExactly("kiosk-1");
    }

    @Test
    void replayedBatch_isANoOp_thatStillCountsItsDuplicates() {
        store.ingest(receptions("kiosk-1", 1, 5));
        RollupTotals before = store.rollupTotals(List.of("kiosk-1"), DAY, DAY);

        IngestOutcome replay = store.ingest(receptions("kiosk-1", 1, 5));

        assertThat(replay).isEqualTo(new IngestOutcome(0, 5, 0, 5));
        assertThat(store.device("kiosk-1").orElseThrow().eventsStored()).isEqualTo(5);
        assertThat(store.rollupTotals(List.of("kiosk-1"), DAY, DAY)).isEqualTo(before);
        assertThat(before.counters()[Rollup.EVENTS]).isEqualTo(5);
    }

    @Test
    void malformedEvent_isQuarantinedWithItsReason_andTheWatermarkPassesIt() {
        byte[] garbage = {1, 2, 3};
        IngestOutcome outcome = store.ingest(new IngestBatch("kiosk-1", List.of(reception(1, 1, BOOT), reception(3, 3, BOOT)),
                List.of(new QuarantinedEvent(2, "payload missing", garbage)), List.of(), receivedAt(600)));

        assertThat(outcome).isEqualTo(new IngestOutcome(2, 0, 1, 3));
        assertThat(store.quarantine("kiosk-1", 10)).singleElement().satisfies(q -> {
            assertThat(q.seq()).isEqualTo(2);
            assertThat(q.reason()).isEqualTo("payload missing");
            assertThat(q.body()).isEqualTo(garbage);
        });
        assertThat(store.device("kiosk-1").orElseThrow().quarantined()).isEqualTo(1);
        // A seq already stored as a valid event is never quarantined later.
        store.ingest(new IngestBatch("kiosk-1", List.of(), List.of(new QuarantinedEvent(1, "late copy", garbage)),
                List.of(), receivedAt(600)));
        assertThat(store.quarantine("kiosk-1", 10)).hasSize(1);
    }

    @Test
    void gap_isVisibleAsMissingRanges_untilTheLostEventsArrive() {
        store.ingest(receptions("kiosk-1", 1, 3));
        store.ingest(receptions("kiosk-1", 6, 7));
        store.ingest(receptions("kiosk-1", 10, 10));

        DeviceSummary gapped = store.device("kiosk-1").orElseThrow();
        assertThat(gapped.watermark()).isEqualTo(3);
        assertThat(gapped.maxSeq()).isEqualTo(10);
        assertThat(gapped.missing()).containsExactly(new SeqRange(4, 5), new SeqRange(8, 9));

        IngestOutcome filled = store.ingest(receptions("kiosk-1", 4, 5));

        assertThat(filled.watermark()).isEqualTo(7);
        assertThat(store.device("kiosk-1").orElseThrow().missing()).containsExactly(new SeqRange(8, 9));
    }

    @Test
    void eventsAfterSeq_areReturnedBySeq_inPages() {
        store.ingest(receptions("kiosk-1", 1, 7));

        List<StoredEvent> page = store.events("kiosk-1", 2, 3);

        assertThat(page).extracting(StoredEvent::seq).containsExactly(3L, 4L, 5L);
        assertThat(page.get(0).body()).isEqualTo(reception(3, 3, BOOT).body());
        assertThat(store.events("kiosk-1", 7, 10)).isEmpty();
        assertThat(store.events("unknown", 0, 10)).isEmpty();
    }

    @Test
    void handshake_recordsTheDeviceAndItsAppVersion() {
        store.touchDevice("kiosk-9", "1.4.2", receivedAt(1));

        // A store may record a handshake after returning (SQLite queues it behind the batches), never lose it.
        org.awaitility.Awaitility.await("handshake recorded").atMost(java.time.Duration.ofSeconds(10))
                .pollInterval(java.time.Duration.ofMillis(10)).until(() -> store.device("kiosk-9").isPresent());
        DeviceSummary d = store.device("kiosk-9").orElseThrow();
        assertThat(d.appVersion()).isEqualTo("1.4.2");
        assertThat(d.eventsStored()).isZero();
        assertThat(store.device("kiosk-8")).isEmpty();
    }

    // ------------------------------------------------------------------ time correction

    @Test
    void eventsOfAMeasuredBoot_getTheirTrueTime_fastClockOrNot() {
        store.ingest(receptions("kiosk-1", 1, 3));

        List<StoredEventTime> times = store.eventTimes("kiosk-1");
        assertThat(times).hasSize(3).allSatisfy(t -> {
            assertThat(t.quality()).isEqualTo(TimeQuality.MEASURED);
            Instant truth = BOOT_AT.plusSeconds(60 * t.seq());
            assertThat(Math.abs(t.corrected().orElseThrow().toEpochMilli() - truth.toEpochMilli())).isLessThan(1000);
        });
        assertThat(store.countByCorrectedTime("kiosk-1", BOOT_AT, BOOT_AT.plusSeconds(150))).isEqualTo(2);
        assertThat(store.device("kiosk-1").orElseThrow().clockMeasured()).isTrue();
    }

    @Test
    void offlineEvents_areTimeUnknown_untilTheirBootsMeasurementArrives_thenMovedInTheRollups() {
        store.ingest(batch("pi-1", List.of(reception(1, 10, OTHER_BOOT), reception(2, 20, OTHER_BOOT)), List.of()));

        assertThat(store.countTimeUnknown("pi-1")).isEqualTo(2);
        assertThat(store.device("pi-1").orElseThrow().eventsTimeUnknown()).isEqualTo(2);
        assertThat(store.timeUnknownTotals(List.of("pi-1")).counters()[Rollup.EVENTS]).isEqualTo(2);
        assertThat(store.rollupTotals(List.of("pi-1"), DAY, DAY).counters()[Rollup.EVENTS]).isZero();

        store.ingest(batch("pi-1", List.of(reception(3, 30, OTHER_BOOT)), List.of(sample(25, OTHER_BOOT))));

        assertThat(store.countTimeUnknown("pi-1")).isZero();
        assertThat(store.eventTimes("pi-1")).allSatisfy(t -> assertThat(t.quality()).isEqualTo(TimeQuality.MEASURED));
        DeviceSummary d = store.device("pi-1").orElseThrow();
        assertThat(d.eventsCorrected()).isEqualTo(3);
        assertThat(d.eventsTimeUnknown()).isZero();
        assertThat(store.timeUnknownTotals(List.of("pi-1")).counters()[Rollup.EVENTS]).isZero();
        RollupTotals day = store.rollupTotals(List.of("pi-1"), DAY, DAY);
        assertThat(day.counters()[Rollup.EVENTS]).isEqualTo(3);
        assertThat(day.counters()[Rollup.BHYT]).isEqualTo(3);
    }

    /** Midnight from the 10th to the 11th: the monthly reporting edge. */
    static final Instant EDGE = LocalDateTime.parse("2026-06-11T00:00:00").atZone(ReportingPeriod.ZONE).toInstant();
    static final LocalDate TENTH = LocalDate.parse("2026-06-10");
    static final LocalDate ELEVENTH = LocalDate.parse("2026-06-11");

    /** A reception at device wall time {@code wall} in {@code boot}, of a device whose clock is exact (mono = wall − EDGE + 1 h). */
    static IncomingEvent exactClockReception(long seq, Instant wall, byte[] boot) {
        long mono = java.time.Duration.between(EDGE.minusSeconds(3600), wall).toNanos();
        Event timed = TestEvents.reception(seq).toBuilder().setWallTimeMs(wall.toEpochMilli()).setMonotonicNanos(mono)
                .setBootId(ByteString.copyFrom(boot)).build();
        return new IncomingEvent(seq, timed.getPayloadCase().getNumber(), timed.getWallTimeMs(), boot, mono,
                timed.toByteArray());
    }

    /** A handshake of that exact clock {@code minutes} after the edge: {@code outMs} there, {@code backMs} back. */
    static ClockMeasurementRow exactClockSample(long minutes, long outMs, long backMs, boolean synced, byte[] boot) {
        Instant t0 = EDGE.plusSeconds(60 * minutes);
        long mono = java.time.Duration.between(EDGE.minusSeconds(3600), t0).toNanos();
        long ms = t0.toEpochMilli();
        return new ClockMeasurementRow(boot, mono, ms, ms + outMs, ms + outMs, ms + outMs + backMs, synced);
    }

    static IngestBatch edgeBatch(List<IncomingEvent> events, List<ClockMeasurementRow> samples) {
        return new IngestBatch("kiosk-edge", events, List.of(), samples, EDGE.plusSeconds(7200).toEpochMilli());
    }

    private long eventsOn(LocalDate day) {
        return store.rollupTotals(List.of("kiosk-edge"), day, day).counters()[Rollup.EVENTS];
    }

    @Test
    void synchronisedExactClock_asymmetricHandshake_eventsEitherSideOfMidnightKeepTheirDays() {
        // 9 ms out, 1 ms back: the measurement says "4 ms slow", which is the network, not the clock.
        store.ingest(edgeBatch(List.of(), List.of(exactClockSample(30, 9, 1, true, BOOT))));
        store.ingest(edgeBatch(List.of(exactClockReception(1, EDGE.minusMillis(1), BOOT),
                exactClockReception(2, EDGE, BOOT)), List.of()));

        assertThat(store.eventTimes("kiosk-edge")).extracting(t -> t.corrected().orElseThrow())
                .containsExactly(EDGE.minusMillis(1), EDGE);
        assertThat(eventsOn(TENTH)).isEqualTo(1);
        assertThat(eventsOn(ELEVENTH)).isEqualTo(1);
    }

    @Test
    void betterSampleOfABoot_reCorrectsItsStoredEvents_andMovesThemBetweenDaysInTheRollups() {
        // Not synchronised: the first, asymmetric sample (1 ms out, 7 ms back: "3 ms fast") is applied as measured
        // and carries the midnight event back to the 10th.
        store.ingest(edgeBatch(List.of(exactClockReception(1, EDGE.minusMillis(1), BOOT),
                exactClockReception(2, EDGE, BOOT)), List.of(exactClockSample(30, 1, 7, false, BOOT))));
        assertThat(store.eventTimes("kiosk-edge")).extracting(t -> t.corrected().orElseThrow())
                .containsExactly(EDGE.minusMillis(4), EDGE.minusMillis(3));
        assertThat(eventsOn(TENTH)).isEqualTo(2);

        // A tighter sample (1 ms each way, offset 0) re-corrects both in the same transaction as it is stored.
        store.ingest(edgeBatch(List.of(), List.of(exactClockSample(90, 1, 1, false, BOOT))));

        assertThat(store.eventTimes("kiosk-edge")).extracting(t -> t.corrected().orElseThrow())
                .containsExactly(EDGE.minusMillis(1), EDGE);
        assertThat(eventsOn(TENTH)).isEqualTo(1);
        assertThat(eventsOn(ELEVENTH)).isEqualTo(1);
        assertThat(store.countByCorrectedTime("kiosk-edge", EDGE, EDGE.plusSeconds(1))).isEqualTo(1);
        DeviceSummary d = store.device("kiosk-edge").orElseThrow();
        assertThat(d.eventsCorrected()).isEqualTo(2);
        assertThat(d.eventsTimeUnknown()).isZero();

        // A worse sample later changes nothing.
        store.ingest(edgeBatch(List.of(), List.of(exactClockSample(120, 1, 20, false, BOOT))));
        assertThat(store.eventTimes("kiosk-edge")).extracting(t -> t.corrected().orElseThrow())
                .containsExactly(EDGE.minusMillis(1), EDGE);
        assertThat(eventsOn(TENTH)).isEqualTo(1);
        assertThat(eventsOn(ELEVENTH)).isEqualTo(1);
    }

    @Test
    void eventOfALaterRound_isCorrectedByTheBootsSamplesSoFar_includingOnesStoredWithoutEvents() {
        // Samples arrive one per sync, mostly with no event (an idle device's heartbeat); the store keeps the boot's
        // measurements between rounds and must add each new one, not keep the ones it had when it first looked.
        store.ingest(edgeBatch(List.of(exactClockReception(1, EDGE.minusMillis(1), BOOT)),
                List.of(exactClockSample(30, 1, 7, false, BOOT))));
        store.ingest(edgeBatch(List.of(), List.of(exactClockSample(90, 1, 1, false, BOOT))));
        store.ingest(edgeBatch(List.of(exactClockReception(2, EDGE, BOOT)), List.of()));

        assertThat(store.eventTimes("kiosk-edge")).extracting(t -> t.corrected().orElseThrow())
                .containsExactly(EDGE.minusMillis(1), EDGE);
        assertThat(eventsOn(ELEVENTH)).isEqualTo(1);
    }

    // ------------------------------------------------------------------ rollups and report reads

    @Test
    void rollups_countEachKindOfEvent_perDayAndDevice() {
        store.ingest(batch("kiosk-1", List.of(reception(1, 1, BOOT),
                incoming(TestEvents.payment(2, 50_000), 2, BOOT),
                incoming(TestEvents.payment(3, 70_000), 3, BOOT)), List.of(sample(1, BOOT))));
        store.ingest(receptions("kiosk-2", 1, 4));

        RollupTotals both = store.rollupTotals(List.of("kiosk-1", "kiosk-2", "never-synced"), DAY, DAY);
        assertThat(both.counters()[Rollup.EVENTS]).isEqualTo(7);
        assertThat(both.counters()[Rollup.BHYT]).isEqualTo(5);
        assertThat(both.counters()[Rollup.PAYMENTS]).isEqualTo(2);
        assertThat(both.counters()[Rollup.PAYMENTS_VND]).isEqualTo(120_000);
        assertThat(store.rollupTotals(List.of("kiosk-2"), DAY, DAY).counters()[Rollup.EVENTS]).isEqualTo(4);
        assertThat(store.rollupTotals(List.of("kiosk-2"), DAY.plusDays(1), DAY.plusDays(9)).counters()[Rollup.EVENTS])
                .isZero();
        assertThat(store.rollupTotals(List.of(), DAY, DAY).counters()[Rollup.EVENTS]).isZero();
    }

    @Test
    void dailyTotals_activeDevices_andLastEventDays_followTheCorrectedDays() {
        store.ingest(receptions("kiosk-1", 1, 2));
        // A second boot a day later (a 24 h boot: minutes 1440+).
        store.ingest(new IngestBatch("kiosk-1", List.of(reception(3, 1441, OTHER_BOOT)), List.of(),
                List.of(sample(1440, OTHER_BOOT)), receivedAt(1500)));
        store.ingest(receptions("kiosk-2", 1, 1));

        var daily = store.dailyTotals(List.of("kiosk-1", "kiosk-2"), DAY.minusDays(3), DAY.plusDays(3));
        assertThat(daily.keySet()).containsExactly(DAY, DAY.plusDays(1));
        assertThat(daily.get(DAY).counters()[Rollup.EVENTS]).isEqualTo(3);
        assertThat(daily.get(DAY.plusDays(1)).counters()[Rollup.EVENTS]).isEqualTo(1);

        assertThat(store.activeDevices(List.of("kiosk-1", "kiosk-2", "kiosk-3"), DAY.plusDays(1), DAY.plusDays(1)))
                .containsExactly("kiosk-1");
        assertThat(store.activeDevices(List.of("kiosk-1", "kiosk-2"), DAY, DAY)).containsExactly("kiosk-1", "kiosk-2");

        Map<String, LocalDate> last = store.lastEventDays(List.of("kiosk-1", "kiosk-2", "kiosk-3"), DAY.plusDays(5));
        assertThat(last).containsOnly(Map.entry("kiosk-1", DAY.plusDays(1)), Map.entry("kiosk-2", DAY));
        assertThat(store.lastEventDays(List.of("kiosk-1"), DAY)).containsOnly(Map.entry("kiosk-1", DAY));
    }

    @Test
    void uniqueCitizens_countsEachCitizenOnce_acrossDaysAndDevices() {
        store.ingest(batch("kiosk-1", List.of(incoming(cardRead(1, 1), 1, BOOT), incoming(cardRead(2, 2), 2, BOOT),
                incoming(cardRead(3, 1), 3, BOOT)), List.of(sample(1, BOOT))));
        store.ingest(batch("kiosk-2", List.of(incoming(cardRead(1, 2), 1, BOOT), incoming(cardRead(2, 3), 2, BOOT)),
                List.of(sample(1, BOOT))));

        assertThat(store.uniqueCitizens(List.of("kiosk-1", "kiosk-2"), DAY, DAY)).isEqualTo(3);
        assertThat(store.uniqueCitizens(List.of("kiosk-1"), DAY, DAY)).isEqualTo(2);
        assertThat(store.uniqueCitizens(List.of("kiosk-2"), DAY.plusDays(1), DAY.plusDays(2))).isZero();
        assertThat(store.rollupTotals(List.of("kiosk-1", "kiosk-2"), DAY, DAY).counters()[Rollup.READS_OK]).isEqualTo(5);
    }

    @Test
    void fleetDetails_showTheLastSync_theReportedBacklog_andLateArrivals() {
        Event heartbeat = TestEvents.envelope(2).setHeartbeat(DeviceHeartbeat.newBuilder().setBacklog(42)).build();
        long fiveDaysLater = receivedAt(5 * 1440);
        store.ingest(new IngestBatch("pi-1", List.of(reception(1, 1, BOOT), incoming(heartbeat, 2, BOOT)), List.of(),
                List.of(sample(1, BOOT)), fiveDaysLater));

        FleetDetail d = store.fleetDetails().stream().filter(f -> f.deviceId().equals("pi-1")).findFirst().orElseThrow();
        assertThat(d.lastSyncMs()).isEqualTo(fiveDaysLater);
        assertThat(d.backlog()).isEqualTo(42);
        assertThat(d.lateEvents()).isEqualTo(2);
        assertThat(d.lastLateMs()).isEqualTo(fiveDaysLater);
        assertThat(d.lastLateDay()).isEqualTo(DAY.toString());
    }

    // ------------------------------------------------------------------ voids (issue 13 item 4)

    static Event assist(long seq, int citizen) {
        return TestEvents.envelope(seq).setFieldAssist(FieldAssist.newBuilder()
                .setActivity(FieldActivity.VNEID_L2_ACTIVATION).setAgeGroup(AgeGroup.AGE_UNDER_6).setTeam("TCNS-AP3").setOrgUnit("P-AP3")
                .setCitizenKey(ByteString.copyFrom(new byte[] {9, 8, 7, 6, 5, 4, 3, (byte) citizen}))).build();
    }

    static Event voidOf(long seq, long voidedSeq) {
        return TestEvents.envelope(seq).setVoidEvent(VoidEvent.newBuilder().setVoidedSeq(voidedSeq)
                .setReason(VoidReason.MISTAP)).build();
    }

    private IngestBatch sent(String device, Event... events) {
        List<IncomingEvent> in = new ArrayList<>();
        for (Event e : events) {
            in.add(incoming(e, e.getSeq(), BOOT));
        }
        return batch(device, in, List.of(sample(1, BOOT)));
    }

    private long assists() {
        return store.rollupTotals(List.of("pi-1"), DAY, DAY).get(Rollup.assistMetric(0, 0));
    }

    private long citizens() {
        return store.uniqueCitizens(List.of("pi-1"), DAY, DAY);
    }

    @Test
    void void_ofAFieldAssist_dropsItsFigureByOne_andTheCitizenOnlyWithTheirLastEvent() {
        // Citizen 1 assisted twice, citizen 2 once.
        store.ingest(sent("pi-1", assist(1, 1), assist(2, 1), assist(3, 2)));
        assertThat(assists()).isEqualTo(3);
        assertThat(citizens()).isEqualTo(2);

        store.ingest(sent("pi-1", voidOf(4, 2)));
        assertThat(assists()).isEqualTo(2);
        assertThat(citizens()).as("citizen 1 still has seq 1").isEqualTo(2);

        store.ingest(sent("pi-1", voidOf(5, 3)));
        assertThat(assists()).isEqualTo(1);
        assertThat(citizens()).as("citizen 2's only event is voided").isEqualTo(1);
        assertThat(store.rollupTotals(List.of("pi-1"), DAY, DAY).get(Rollup.EVENTS))
                .as("the journal is never edited: every event stays stored").isEqualTo(5);
    }

    @Test
    void void_ofAReceptionAndAPayment_uncountsBothAndTheAmount() {
        store.ingest(sent("kiosk-1", TestEvents.reception(1), TestEvents.payment(2, 30_000),
                TestEvents.payment(3, 12_000)));
        store.ingest(sent("kiosk-1", voidOf(4, 1), voidOf(5, 2)));

        RollupTotals t = store.rollupTotals(List.of("kiosk-1"), DAY, DAY);
        assertThat(t.get(Rollup.BHYT)).isZero();
        assertThat(t.get(Rollup.PAYMENTS)).isEqualTo(1);
        assertThat(t.get(Rollup.PAYMENTS_VND)).isEqualTo(12_000);
        assertThat(t.get(Rollup.EVENTS)).isEqualTo(5);
    }

    @Test
    void void_inTheSameBatchAsItsTarget_leavesItUncounted() {
        store.ingest(sent("pi-1", assist(1, 1), voidOf(2, 1)));

        assertThat(assists()).isZero();
        assertThat(citizens()).isZero();
        assertThat(store.quarantine("pi-1", 10)).isEmpty();
    }

    @Test
    void void_ofAHeartbeat_isQuarantinedWithItsReason_andASecondVoidDoesNothing() {
        Event heartbeat = TestEvents.envelope(2).setHeartbeat(DeviceHeartbeat.newBuilder().setBacklog(0)).build();
        store.ingest(sent("pi-1", assist(1, 1), heartbeat, voidOf(3, 2)));

        assertThat(store.quarantine("pi-1", 10)).singleElement().satisfies(q -> {
            assertThat(q.seq()).isEqualTo(3);
            assertThat(q.reason()).contains("heartbeat");
        });
        assertThat(store.watermark("pi-1")).isEqualTo(3);
        assertThat(assists()).isEqualTo(1);

        store.ingest(sent("pi-1", voidOf(4, 1)));
        store.ingest(sent("pi-1", voidOf(5, 1)));
        assertThat(assists()).isZero();
        assertThat(store.rollupTotals(List.of("pi-1"), DAY, DAY).get(Rollup.EVENTS)).isEqualTo(4);
    }

    @Test
    void void_arrivingBeforeItsTarget_keepsTheTargetUncountedWhenTheGapFills() {
        store.ingest(sent("pi-1", assist(1, 1), voidOf(3, 2)));
        assertThat(store.quarantine("pi-1", 10)).isEmpty();
        assertThat(assists()).isEqualTo(1);

        store.ingest(sent("pi-1", assist(2, 2)));
        assertThat(store.watermark("pi-1")).isEqualTo(3);
        assertThat(assists()).isEqualTo(1);
        assertThat(citizens()).isEqualTo(1);
        assertThat(store.rollupTotals(List.of("pi-1"), DAY, DAY).get(Rollup.EVENTS)).isEqualTo(3);
    }

    @Test
    void void_survivesARetiming_ofItsTarget() {
        // Stored with time unknown (no sample yet), voided, then a sample places the boot: nothing comes back.
        store.ingest(new IngestBatch("pi-1", List.of(incoming(assist(1, 1), 1, BOOT), incoming(voidOf(2, 1), 2, BOOT)),
                List.of(), List.of(), receivedAt(600)));
        store.ingest(batch("pi-1", List.of(), List.of(sample(1, BOOT))));

        assertThat(assists()).isZero();
        assertThat(citizens()).isZero();
        assertThat(store.rollupTotals(List.of("pi-1"), DAY, DAY).get(Rollup.EVENTS)).isEqualTo(2);
        assertThat(store.timeUnknownTotals(List.of("pi-1"))).isEqualTo(RollupTotals.ZERO);
    }

    // ------------------------------------------------------------------ concurrency

    @Test
    void identicalBatchesFromManyThreadsAtOnce_areStoredOnce_andCountedOnce() throws Exception {
        IngestBatch same = receptions("kiosk-1", 1, 200);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<IngestOutcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                outcomes.add(threads.submit(() -> store.ingest(same)));
            }
            long stored = 0;
            for (Future<IngestOutcome> f : outcomes) {
                IngestOutcome o = f.get(60, TimeUnit.SECONDS);
                stored += o.stored();
                assertThat(o.watermark()).isEqualTo(200);
            }
            assertThat(stored).isEqualTo(200);
        } finally {
            threads.shutdownNow();
        }
        assertThat(store.device("kiosk-1").orElseThrow().eventsStored()).isEqualTo(200);
        assertThat(store.rollupTotals(List.of("kiosk-1"), DAY, DAY).counters()[Rollup.EVENTS]).isEqualTo(200);
        assertThat(store.events("kiosk-1", 0, 1000)).hasSize(200);
    }

    @Test
    void manyDevicesAtOnce_eachGetsItsOwnWatermark() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int d = 0; d < 20; d++) {
                String device = "kiosk-" + d;
                done.add(threads.submit(() -> {
                    for (long first = 1; first <= 100; first += 25) {
                        store.ingest(receptions(device, first, first + 24));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(store.devices()).hasSize(20).allSatisfy(d -> {
            assertThat(d.watermark()).isEqualTo(100);
            assertThat(d.eventsStored()).isEqualTo(100);
        });
        Set<String> all = new java.util.HashSet<>();
        store.devices().forEach(d -> all.add(d.deviceId()));
        assertThat(store.rollupTotals(all, DAY, DAY).counters()[Rollup.EVENTS]).isEqualTo(2000);
    }

    // ------------------------------------------------------------------ unverified devices (broken chains)

    @Test
    void unverifiedDevices_areThoseWithATamperingBreak_fromTheEventBeforeTheFirst_gapsAreNotEnough() throws Exception {
        store.ingest(receptions("kiosk-1", 1, 10));
        store.ingest(receptions("kiosk-2", 1, 10));
        store.ingest(receptions("kiosk-3", 1, 10));
        assertThat(store.unverifiedDevices()).isEmpty();
        try (java.sql.Connection c = connectToDatabase();
             java.sql.PreparedStatement p = c.prepareStatement("INSERT INTO chain_breaks "
                     + "(device_id, seq, kind, gap_first, detail, found_ms) VALUES (?, ?, ?, ?, 'test', 0)")) {
            Object[][] rows = {{"kiosk-1", 7L, "HASH_MISMATCH", 6L}, {"kiosk-1", 9L, "PLAIN_AFTER_KEYED", 8L},
                {"kiosk-2", 4L, "GAP_MISSING", 2L}, {"kiosk-2", 8L, "GAP_QUARANTINED", 7L},
                {"kiosk-3", 5L, "PLAIN_AFTER_KEYED", 4L}};
            for (Object[] r : rows) {
                p.setString(1, (String) r[0]);
                p.setLong(2, (Long) r[1]);
                p.setString(3, (String) r[2]);
                p.setLong(4, (Long) r[3]);
                p.executeUpdate();
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }

        assertThat(store.unverifiedDevices()).containsExactly(java.util.Map.entry("kiosk-1", 6L),
                java.util.Map.entry("kiosk-3", 4L));
    }
}
