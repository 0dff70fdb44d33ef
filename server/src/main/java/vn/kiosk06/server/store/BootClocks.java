package vn.kiosk06.server.store;

import java.nio.ByteBuffer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import vn.kiosk06.wire.ClockMeasurement;
import vn.kiosk06.server.time.CorrectedTime;
import vn.kiosk06.server.time.EventTimeCorrector;

/**
 * The clock measurements of devices' boots as one round sees them: corrects each incoming event's time from its
 * boot's measurements, stores a batch's new clock samples, and re-corrects the boot's stored events when a sample
 * is new — its unknown-time events (events journaled offline get their time once the device reaches the server in
 * the same boot), or all of them when the sample is the boot's best yet (smallest round trip), moving the ones whose
 * time changes to their new day in the rollups.
 *
 * <p>The {@code boots} cache is the engine's to choose: SQLite, the only writer of its file, keeps one across rounds
 * (cleared when a round fails); PostgreSQL, shared by instances, gives each round a fresh one, read under the
 * round's device locks. Not thread-safe: one per round.
 */
final class BootClocks {

    /** A device's boot, as the cache key: the boot id's 16 bytes compared by content. */
    record BootKey(long device, ByteBuffer boot) {
    }

    private final RoundStatements st;
    private final EventTimeCorrector corrector;
    private final Map<BootKey, BootMeasurements> boots;
    /** The boot the previous event was in and its measurements: a batch's events are mostly of one boot. */
    private long lastDevice = -1;
    private byte[] lastBoot;
    private BootMeasurements lastMeasurements;

    BootClocks(RoundStatements st, EventTimeCorrector corrector, Map<BootKey, BootMeasurements> boots) {
        this.st = st;
        this.corrector = corrector;
        this.boots = boots;
    }

    /** The event's corrected time from the measurements of its boot; never throws for odd device clocks. */
    CorrectedTime correct(DeviceState d, IncomingEvent e, long receivedMs) throws SQLException {
        if (lastDevice != d.id || !Arrays.equals(lastBoot, e.bootId())) {
            lastMeasurements = measurements(d, e.bootId());
            lastDevice = d.id;
            lastBoot = e.bootId();
        }
        return lastMeasurements.correct(corrector, e.wallMs(), e.monoNs(), receivedMs);
    }

    /**
     * Stores the batch's valid clock samples, updates the device's latest offset, and re-corrects the events of
     * every boot that got a new sample (call before the batch's events, so the samples count for those too).
     */
    void store(DeviceState d, IngestBatch batch) throws SQLException {
        Map<BootKey, Boolean> measuredBoots = new LinkedHashMap<>(); // boot → re-correct its known events too
        ClockMeasurement latest = null;
        for (ValidClockSample s : ValidClockSample.of(batch)) {
            ClockMeasurementRow r = s.row();
            boolean better = measurements(d, r.bootId())
                    .retimesKnownEvents(s.measurement(), corrector.policy().maxRoundTrip());
            PreparedStatement p = st.prepare("INSERT INTO clock_samples (device, boot_id, mono_ns, t0, t1, t2, t3, "
                    + "os_synced) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
            p.setLong(1, d.id);
            p.setBytes(2, r.bootId());
            p.setLong(3, r.monoNs());
            p.setLong(4, r.t0());
            p.setLong(5, r.t1());
            p.setLong(6, r.t2());
            p.setLong(7, r.t3());
            p.setShort(8, (short) (r.osSynchronized() ? 1 : 0));
            if (p.executeUpdate() > 0) {
                BootKey key = new BootKey(d.id, ByteBuffer.wrap(r.bootId().clone()));
                // The cached boot takes the new sample: re-reading all its samples (one a minute from an idle device,
                // over a thousand by the end of a day) on every sync was a growing share of each round (issue 17).
                boots.computeIfPresent(key, (k, m) -> m.with(s.measurement()));
                measuredBoots.merge(key, better, Boolean::logicalOr);
                if (latest == null || s.measurement().serverReceiveTimeMs() >= latest.serverReceiveTimeMs()) {
                    latest = s.measurement();
                }
            }
        }
        if (latest != null) {
            PreparedStatement p = st.prepare("UPDATE devices SET clock_offset_ms = ?, clock_round_trip_ms = ?, "
                    + "clock_measured_at_ms = ? WHERE id = ? AND (clock_measured_at_ms IS NULL OR clock_measured_at_ms <= ?)");
            p.setLong(1, latest.offset().toMillis());
            p.setLong(2, latest.roundTrip().toMillis());
            p.setLong(3, latest.serverReceiveTimeMs());
            p.setLong(4, d.id);
            p.setLong(5, latest.serverReceiveTimeMs());
            p.executeUpdate();
        }
        for (Map.Entry<BootKey, Boolean> boot : measuredBoots.entrySet()) {
            lastDevice = -1; // the boot's measurements changed: the next event looks them up again
            recorrect(d, boot.getKey(), boot.getValue());
        }
    }

    /**
     * Re-corrects the boot's stored events by its measurements now: the unknown-time ones, or all when
     * {@code known} is set. An event whose time changes moves from its old day to its new one in the rollups.
     */
    private void recorrect(DeviceState d, BootKey boot, boolean known) throws SQLException {
        byte[] bootBytes = new byte[boot.boot().remaining()];
        boot.boot().duplicate().get(bootBytes);
        BootMeasurements m = measurements(d, bootBytes);
        // "time_quality = 0" literally, so SQLite uses the partial index of unknown-time events; all of a boot's
        // events (rare: a boot's better sample) are walked by primary key rather than by an index of every boot.
        PreparedStatement read = st.prepare("SELECT " + RetimedEvent.COLUMNS + " FROM events "
                + "WHERE device = ? AND boot_id = ?" + (known ? "" : " AND time_quality = 0"));
        PreparedStatement update = st.prepare("UPDATE events SET corrected_ms = ?, time_quality = ? "
                + "WHERE device = ? AND seq = ?");
        read.setLong(1, d.id);
        read.setBytes(2, bootBytes);
        long changed = 0;
        try (ResultSet rs = read.executeQuery()) {
            while (rs.next()) {
                Optional<RetimedEvent> retimed = RetimedEvent.read(rs, m, corrector);
                if (retimed.isEmpty()) {
                    continue;
                }
                RetimedEvent r = retimed.get();
                RoundStatements.setNullable(update, 1, r.time().instant().map(at -> at.toEpochMilli()).orElse(null));
                update.setShort(2, (short) BootMeasurements.qualityCode(r.time().quality()));
                update.setLong(3, d.id);
                update.setLong(4, r.seq());
                update.addBatch();
                changed++;
                d.corrected += r.knownDelta();
                d.unknown -= r.knownDelta();
                r.move(d.delta, rs.getBytes(5));
            }
        }
        if (changed > 0) {
            update.executeBatch();
        }
    }

    /** The usable measurements of one boot, from the cache or else from the table (which sees this round's rows). */
    private BootMeasurements measurements(DeviceState d, byte[] bootId) throws SQLException {
        BootKey key = new BootKey(d.id, ByteBuffer.wrap(bootId));
        BootMeasurements cached = boots.get(key);
        if (cached != null) {
            return cached;
        }
        PreparedStatement p = st.prepare("SELECT " + BootMeasurements.SAMPLE_COLUMNS
                + " FROM clock_samples WHERE device = ? AND boot_id = ?");
        p.setLong(1, d.id);
        p.setBytes(2, bootId);
        BootMeasurements loaded;
        try (ResultSet rs = p.executeQuery()) {
            loaded = BootMeasurements.read(d.deviceId, bootId, rs);
        }
        boots.put(new BootKey(d.id, ByteBuffer.wrap(bootId.clone())), loaded);
        return loaded;
    }
}
