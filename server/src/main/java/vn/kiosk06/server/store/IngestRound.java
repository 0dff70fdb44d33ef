package vn.kiosk06.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import vn.kiosk06.server.report.rollup.EventFacts;
import vn.kiosk06.server.report.rollup.LocalDays;
import vn.kiosk06.server.time.CorrectedTime;
import vn.kiosk06.server.time.EventTimeCorrector;

/**
 * The one ingest pipeline of every engine: all batches of a group-commit round in one transaction. The round locks
 * its devices' rows ({@link Dialect#lockDevices}); holding a device's row it is the only writer of that device's
 * events, watermark, counters and rollup rows anywhere, so the watermark arithmetic reads committed state and a
 * batch received twice at once is stored and counted once. For each batch, in order: voids screened, clock samples
 * stored (they count for the batch's own events), events corrected and inserted, only the new rows counted,
 * quarantined events kept, the watermark advanced. The rollup rows and device rows are written once at the end.
 * The caller commits (or rolls back) the connection. Not thread-safe: one per round attempt.
 */
final class IngestRound {

    /** A batch to commit; {@code appVersion} is set (and the batch empty) when a handshake reports it. */
    record Item(IngestBatch batch, String appVersion) {
        static Item of(IngestBatch batch) {
            return new Item(batch, null);
        }

        int events() {
            return batch.events().size();
        }
    }

    /** The outcome of each item, in order, and what the round wrote to the rollup tables. */
    record Result(List<IngestOutcome> outcomes, RollupWriter.Changes rollups) {
    }

    private final RoundStatements st;
    private final Dialect dialect;
    private final BootClocks clocks;
    private final boolean rollups;

    /**
     * @param boots   the boot measurements cache this round may use and fill (see {@link BootClocks})
     * @param rollups false only for the benchmark measuring what maintaining the rollups costs
     */
    IngestRound(RoundStatements st, Dialect dialect, EventTimeCorrector corrector,
                Map<BootClocks.BootKey, BootMeasurements> boots, boolean rollups) {
        this.st = st;
        this.dialect = dialect;
        this.clocks = new BootClocks(st, corrector, boots);
        this.rollups = rollups;
    }

    Result run(List<Item> items) throws SQLException {
        TreeMap<String, Long> firstSeen = new TreeMap<>();
        for (Item i : items) {
            firstSeen.merge(i.batch().deviceId(), i.batch().receivedMs(), Math::min);
        }
        Map<String, DeviceState> devices = dialect.lockDevices(st, firstSeen);
        if (rollups) {
            Voids.markDevicesWithVoids(st, devices.values());
        }
        List<IngestOutcome> outcomes = new ArrayList<>(items.size());
        for (Item i : items) {
            DeviceState d = devices.get(i.batch().deviceId());
            if (i.appVersion() != null) {
                d.appVersion = i.appVersion();
            }
            outcomes.add(apply(d, i.batch()));
        }
        RollupWriter.Changes written = rollups ? new RollupWriter(st).write(devices.values()) : new RollupWriter.Changes();
        writeDevices(devices.values());
        return new Result(outcomes, written);
    }

    private IngestOutcome apply(DeviceState d, IngestBatch received) throws SQLException {
        IngestBatch batch = Voids.screen(st, d.id, received);
        d.lastSeenMs = Math.max(d.lastSeenMs, batch.receivedMs());
        clocks.store(d, batch);
        int stored = batch.events().isEmpty() ? 0 : storeEvents(d, batch);
        int quarantined = storeQuarantined(d, batch);
        if (!batch.events().isEmpty() || !batch.quarantined().isEmpty()) {
            d.lastSyncMs = batch.receivedMs();
        }
        long[] seqs = Watermarks.sortedSeqs(batch);
        long watermark = Watermarks.advance(d.watermark, seqs);
        d.maxSeq = Watermarks.maxSeq(d.maxSeq, seqs);
        if (d.maxSeq > watermark) {
            // Seqs above the old watermark arrived earlier (out of order, or through another instance).
            watermark = advanceFromStore(d.id, watermark);
        }
        d.watermark = watermark;
        d.stored += stored;
        d.quarantined += quarantined;
        return new IngestOutcome(stored, batch.events().size() - stored, quarantined, watermark);
    }

    private int storeEvents(DeviceState d, IngestBatch batch) throws SQLException {
        EventRows rows = new EventRows(batch.events());
        for (int i = 0; i < rows.size(); i++) {
            CorrectedTime t = clocks.correct(d, rows.event(i), batch.receivedMs());
            rows.corrected(i, t);
        }
        boolean[] inserted = dialect.insertEvents(st, d.id, d.maxSeq, batch.receivedMs(), rows);
        int n = rows.size();
        // Voids are rare: a device without any is not asked about (that query per batch was a tenth of the
        // PostgreSQL writer's time, issue 16.3).
        Set<Long> voided = rollups && d.hasVoids ? Voids.voidedBetween(st, d.id, rows.event(0).seq(),
                rows.event(n - 1).seq()) : Set.of();
        int stored = 0;
        long late = 0;
        long lateDay = Long.MAX_VALUE;
        List<IncomingEvent> newVoids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!inserted[i]) {
                continue; // only newly stored rows count, so a replayed batch never counts twice
            }
            IncomingEvent e = rows.event(i);
            stored++;
            if (rows.quality[i] != 0) {
                d.corrected++;
            } else {
                d.unknown++;
            }
            if (rollups) {
                // A target whose void came first is stored but counts as an event only.
                d.delta.add(rows.day[i], voided.contains(e.seq()) ? EventFacts.NONE : e.facts(), 1);
            }
            if (Voids.isVoid(e)) {
                newVoids.add(e);
            }
            if (LocalDays.isLate(rows.day[i], batch.receivedMs())) {
                late++;
                lateDay = Math.min(lateDay, rows.day[i]);
            }
        }
        // After the batch is counted, so a target in the same batch is stored and counted before it is voided.
        for (IncomingEvent v : newVoids) {
            Voids.apply(st.connection(), d.id, v, d.delta).ifPresent(d.citizenChecks::add);
            d.hasVoids = true;
        }
        if (late > 0) {
            // The latest batch with late events names the earliest late day in it.
            d.lateEvents += late;
            d.lastLateMs = batch.receivedMs();
            d.lastLateDay = lateDay;
        }
        // The latest heartbeat of the batch (highest seq; batches are ascending) tells the backlog.
        for (int k = n - 1; k >= 0; k--) {
            long b = rows.event(k).facts().backlog();
            if (b >= 0) {
                d.backlog = b;
                break;
            }
        }
        return stored;
    }

    private int storeQuarantined(DeviceState d, IngestBatch batch) throws SQLException {
        int quarantined = 0;
        for (QuarantinedEvent q : batch.quarantined()) {
            PreparedStatement p = st.prepare("INSERT INTO quarantine (device, seq, reason, received_ms, body) "
                    + "SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM events WHERE device = ? AND seq = ?) "
                    + "ON CONFLICT (device, seq) DO NOTHING");
            p.setLong(1, d.id);
            p.setLong(2, q.seq());
            p.setString(3, q.reason());
            p.setLong(4, batch.receivedMs());
            p.setBytes(5, q.body());
            p.setLong(6, d.id);
            p.setLong(7, q.seq());
            quarantined += p.executeUpdate();
        }
        return quarantined;
    }

    /** The watermark after the contiguous seqs stored or quarantined above {@code from}. */
    private long advanceFromStore(long device, long from) throws SQLException {
        PreparedStatement p = st.prepare(DeviceQueries.SEQS_ABOVE);
        p.setFetchSize(1000); // PostgreSQL: a cursor, so the first gap ends the walk without reading the rest
        p.setLong(1, device);
        p.setLong(2, from);
        p.setLong(3, device);
        p.setLong(4, from);
        long w = from;
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next() && rs.getLong(1) == w + 1) {
                w++;
            }
        }
        return w;
    }

    private void writeDevices(Collection<DeviceState> devices) throws SQLException {
        PreparedStatement p = st.prepare("UPDATE devices SET watermark = ?, max_seq = ?, "
                + "events_stored = events_stored + ?, quarantined = quarantined + ?, "
                + "last_seen_ms = " + dialect.greatest("last_seen_ms", "?") + ", "
                + "events_corrected = events_corrected + ?, events_time_unknown = events_time_unknown + ?, "
                + "app_version = coalesce(?, app_version), last_sync_ms = coalesce(?, last_sync_ms), "
                + "backlog = coalesce(?, backlog), late_events = late_events + ?, "
                + "last_late_ms = coalesce(?, last_late_ms), last_late_day = coalesce(?, last_late_day) WHERE id = ?");
        for (DeviceState d : devices.stream().sorted((a, b) -> Long.compare(a.id, b.id)).toList()) {
            p.setLong(1, d.watermark);
            p.setLong(2, d.maxSeq);
            p.setLong(3, d.stored);
            p.setLong(4, d.quarantined);
            p.setLong(5, d.lastSeenMs);
            p.setLong(6, d.corrected);
            p.setLong(7, d.unknown);
            p.setString(8, d.appVersion);
            RoundStatements.setNullable(p, 9, d.lastSyncMs);
            RoundStatements.setNullable(p, 10, d.backlog);
            p.setLong(11, d.lateEvents);
            RoundStatements.setNullable(p, 12, d.lastLateMs);
            RoundStatements.setNullable(p, 13, d.lastLateDay);
            p.setLong(14, d.id);
            p.addBatch();
        }
        p.executeBatch();
    }
}
