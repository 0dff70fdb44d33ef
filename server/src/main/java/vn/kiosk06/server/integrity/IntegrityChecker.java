package vn.kiosk06.server.integrity;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kiosk06.server.db.Database;
import vn.kiosk06.server.store.EventStore;
import vn.kiosk06.server.db.StoreException;
import vn.kiosk06.server.store.StoredEvent;
import vn.kiosk06.wire.ChainKey;
import vn.kiosk06.wire.EventChain;
import vn.kiosk06.server.enroll.DeviceRegistry;

/**
 * Verifies every device's hash chain, off the ingest path: every {@code kiosk06.server.integrity.interval}
 * (default 5 s) it walks each device's stored events from where it last stopped, checks each event's prev_hash
 * against the SHA-256 of the stored bytes of the event before it, and records breaks and progress (tables of
 * migration V6). Gaps of events not received are looked at again on every pass, so an event that arrives late is
 * checked then. Breaks are counted in {@code kiosk06_chain_breaks_total{kind=…}}.
 *
 * <p>Thread-safe: one pass at a time per instance. Several server instances sharing one database may run it at
 * once: they compute the same breaks from the same stored bytes, and every write is idempotent.
 */
@Singleton
public final class IntegrityChecker {

    private static final Logger LOG = LoggerFactory.getLogger(IntegrityChecker.class);
    /** Events read per query, and per device per pass at most this many times over, so a pass stays short. */
    private static final int CHUNK = 1000;
    private static final int CHUNKS_PER_PASS = 20;
    /** Devices whose results one transaction writes. */
    private static final int DEVICES_PER_COMMIT = 500;
    /** Breaks per device the fleet table carries. */
    private static final int FLEET_BREAKS = 5;

    private final Database database;
    private final EventStore store;
    private final Clock clock;
    private final Function<String, Optional<ChainKey>> chainKeys;
    private final Map<ChainBreakKind, Counter> breakCounters = new EnumMap<>(ChainBreakKind.class);

    @jakarta.inject.Inject
    public IntegrityChecker(Database database, EventStore store, Clock clock, MeterRegistry registry,
                            DeviceRegistry devices) {
        this(database, store, clock, registry, devices::chainKey);
    }

    /** With {@code chainKeys} giving each device's chain key (empty: not enrolled, its chain can only be plain). */
    public IntegrityChecker(Database database, EventStore store, Clock clock, MeterRegistry registry,
                            Function<String, Optional<ChainKey>> chainKeys) {
        this.chainKeys = chainKeys;
        this.database = database;
        this.store = store;
        this.clock = clock;
        for (ChainBreakKind kind : ChainBreakKind.values()) {
            breakCounters.put(kind, Counter.builder("kiosk06.chain.breaks").tag("kind", kind.name())
                    .description("Breaks found in devices' event hash chains (GAP_* kinds are gaps, not necessarily tampering)")
                    .register(registry));
        }
    }

    @Scheduled(fixedDelay = "${kiosk06.server.integrity.interval:5s}", initialDelay = "${kiosk06.server.integrity.interval:5s}")
    void scheduledCheck() {
        try {
            checkNow();
        } catch (RuntimeException e) {
            LOG.warn("Chain integrity check failed; it runs again at the next interval: {}", e.getMessage(), e);
        }
    }

    /** Runs one pass over every device now and returns when its results are committed. */
    public synchronized void checkNow() {
        EventChain chain = new EventChain(); // one digest for the whole pass
        // No connection that may write stays open across a walk: on SQLite it holds the file's write lock from its
        // first transaction on (the driver begins the next one, IMMEDIATE, right after each commit), and the ingest
        // writer waited behind the whole walk every pass. Reads on a read connection; each write on its own.
        try {
            List<IntegrityTables.DeviceAhead> ahead;
            try (Connection r = database.connectForReads()) {
                ahead = IntegrityTables.devicesAhead(r);
                r.commit();
            }
            List<Walked> walked = new ArrayList<>();
            for (IntegrityTables.DeviceAhead device : ahead) {
                walk(device, chain).ifPresent(walked::add);
                if (walked.size() >= DEVICES_PER_COMMIT) {
                    record(walked);
                }
            }
            record(walked);
            recheckGapsNotReceived(chain);
        } catch (SQLException e) {
            throw new StoreException("chain integrity check: " + e.getMessage(), e);
        }
    }

    /** What a pass found on one device: its new breaks and where the walk ended. */
    private record Walked(String deviceId, List<ChainBreak> breaks, ChainVerifier.Position end) {
    }

    /** Walks one device from its checked position, reading only (the results are written later, with others'). */
    private Optional<Walked> walk(IntegrityTables.DeviceAhead device, EventChain chain) {
        ChainVerifier.Position at = device.checked();
        EventChain keyed = new EventChain(chainKeys.apply(device.deviceId()));
        List<ChainBreak> breaks = new ArrayList<>();
        for (int chunk = 0; chunk < CHUNKS_PER_PASS; chunk++) {
            List<StoredEvent> events = store.events(device.deviceId(), at.seq(), CHUNK);
            if (events.isEmpty()) {
                break;
            }
            ChainVerifier.Result result = ChainVerifier.walk(at, events, device.watermark(), clock.millis(), chain,
                    keyed);
            breaks.addAll(result.breaks());
            at = result.end();
            if (events.size() < CHUNK) {
                break;
            }
        }
        return at.seq() > device.checked().seq() ? Optional.of(new Walked(device.deviceId(), breaks, at))
                : Optional.empty();
    }

    /**
     * Writes the walked devices' breaks and progress in one transaction, then clears {@code walked}: on SQLite every
     * commit is an fsync'd write that competes with ingest, so a pass commits once per {@value #DEVICES_PER_COMMIT}
     * devices, not once per device, and holds the write lock only while writing.
     */
    private void record(List<Walked> walked) throws SQLException {
        if (walked.isEmpty()) {
            return;
        }
        long now = clock.millis();
        Map<String, List<ChainBreak>> added = new LinkedHashMap<>();
        try (Connection c = database.connect()) {
            for (Walked w : walked) {
                added.put(w.deviceId(), IntegrityTables.record(c, w.deviceId(), w.breaks()));
                IntegrityTables.advance(c, w.deviceId(), w.end(), now);
            }
            c.commit();
        }
        added.forEach(this::count);
        walked.clear();
    }

    /** A gap that is no longer the same: the recorded one to forget and what its window holds now. */
    private record ChangedGap(String deviceId, ChainBreak old, List<ChainBreak> now) {
    }

    /**
     * A gap of events not received may close later (the device resends them, or they arrive quarantined): walk the
     * gap's window again from the stored event before it, and replace the gap with whatever that finds now.
     */
    private void recheckGapsNotReceived(EventChain chain) throws SQLException {
        List<IntegrityTables.DeviceBreak> gaps;
        Map<String, ChainVerifier.Position> progress;
        try (Connection r = database.connectForReads()) {
            gaps = IntegrityTables.ofKind(r, ChainBreakKind.GAP_MISSING);
            progress = gaps.isEmpty() ? Map.of() : IntegrityTables.progress(r);
            r.commit();
        }
        List<ChangedGap> changed = new ArrayList<>();
        for (IntegrityTables.DeviceBreak gap : gaps) {
            String deviceId = gap.deviceId();
            ChainBreak old = gap.chainBreak();
            long keyedFrom = Optional.ofNullable(progress.get(deviceId)).map(ChainVerifier.Position::keyedFrom).orElse(0L);
            Optional<ChainVerifier.Position> base = positionBefore(deviceId, old.gapFirst(), chain, keyedFrom);
            if (base.isEmpty()) {
                continue;
            }
            List<StoredEvent> window = store.events(deviceId, base.get().seq(), (int) (old.seq() - base.get().seq()));
            ChainVerifier.Result now = ChainVerifier.walk(base.get(), window, store.watermark(deviceId), clock.millis(),
                    chain, new EventChain(chainKeys.apply(deviceId)));
            List<ChainBreak> atWindow = now.breaks().stream().filter(b -> b.seq() <= old.seq()).toList();
            if (atWindow.size() == 1 && atWindow.get(0).kind() == old.kind() && atWindow.get(0).gapFirst() == old.gapFirst()) {
                continue; // still the same gap
            }
            changed.add(new ChangedGap(deviceId, old, atWindow));
        }
        if (changed.isEmpty()) {
            return;
        }
        List<ChangedGap> added = new ArrayList<>();
        try (Connection c = database.connect()) {
            for (ChangedGap g : changed) {
                IntegrityTables.forget(c, g.deviceId(), g.old());
                added.add(new ChangedGap(g.deviceId(), g.old(), IntegrityTables.record(c, g.deviceId(), g.now())));
            }
            c.commit();
        }
        added.forEach(g -> count(g.deviceId(), g.now()));
    }

    /** Where a walk stands just before {@code seq}: the stored event {@code seq - 1}, or the origin for seq 1. */
    private Optional<ChainVerifier.Position> positionBefore(String deviceId, long seq, EventChain chain, long keyedFrom) {
        if (seq <= 1) {
            return Optional.of(ChainVerifier.Position.origin());
        }
        return store.events(deviceId, seq - 2, 1).stream().filter(e -> e.seq() == seq - 1).findFirst()
                .map(e -> ChainVerifier.Position.of(e, chain, keyedFrom));
    }

    private void count(String deviceId, List<ChainBreak> added) {
        for (ChainBreak b : added) {
            breakCounters.get(b.kind()).increment();
            if (b.tampering()) {
                LOG.warn("Device {}: hash chain broken at seq {}: {}", deviceId, b.seq(), b.detail());
            } else {
                LOG.info("Device {}: gap in the hash chain at seq {}: {}", deviceId, b.seq(), b.detail());
            }
        }
    }

    /** One device's chain: how far it was checked and every break found (up to 1,000), by seq. */
    public DeviceIntegrity integrity(String deviceId) {
        try (Connection c = database.connect()) {
            ChainVerifier.Position at = IntegrityTables.progress(c).get(deviceId);
            List<ChainBreak> breaks = IntegrityTables.breaks(c, deviceId, 1000);
            c.commit();
            return at == null && breaks.isEmpty() ? DeviceIntegrity.unchecked() : DeviceIntegrity.of(at == null ? 0 : at.seq(), breaks);
        } catch (SQLException e) {
            throw new StoreException("cannot read the chain integrity of " + deviceId + ": " + e.getMessage(), e);
        }
    }

    /** Every checked device's chain, by id, with at most its first few breaks: the fleet table's column. */
    public Map<String, DeviceIntegrity> fleet() {
        try (Connection c = database.connect()) {
            Map<String, ChainVerifier.Position> progress = IntegrityTables.progress(c);
            Map<String, List<ChainBreak>> breaks = IntegrityTables.allBreaks(c, FLEET_BREAKS);
            c.commit();
            Map<String, DeviceIntegrity> out = new HashMap<>();
            progress.forEach((id, at) -> out.put(id, DeviceIntegrity.of(at.seq(), breaks.getOrDefault(id, List.of()))));
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the fleet's chain integrity: " + e.getMessage(), e);
        }
    }
}
