package vn.kiosk06.bench.simulate;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import vn.kiosk06.bench.workload.EventMix;
import vn.kiosk06.bench.workload.SimulatedDeviceClock;
import vn.kiosk06.client.clock.DeviceClock;
import vn.kiosk06.client.journal.Journal;
import vn.kiosk06.client.journal.JournalSettings;
import vn.kiosk06.client.sync.Backoff;
import vn.kiosk06.client.sync.SyncSettings;
import vn.kiosk06.client.sync.SyncStatus;
import vn.kiosk06.client.sync.SyncWorker;

/**
 * One simulated kiosk or field device: its own journal (a real SQLite file), its own real {@link SyncWorker}, and
 * an {@link EventMix} generator. An offline device journals its whole backlog, stamped with the times the generator
 * gives (days of work before it connects); an online device journals its events in small bursts (a patient's card
 * read, reception and transaction code together) while its worker syncs, stamped with the machine's clock.
 *
 * <p>Threads: the journal and the worker each own one (virtual where the JVM has them, see {@link VirtualThreads}); bursts run on the simulation's shared scheduler, one burst
 * of a device at a time; {@link #collectAcks} runs on the simulation's ack watcher alone.
 */
final class SimulatedDevice implements AutoCloseable {

    static final String APP_VERSION = "0.1.0-simulated";

    private final String id;
    private final boolean offline;
    private final int events;
    private final EventMix mix;
    private final Random pacing;
    private final Journal journal;
    private final SimulatedDeviceClock recorded;
    /** Per seq (index seq−1): System.nanoTime() when the append was asked for; online devices only. */
    private final long[] appendedAtNanos;
    /**
     * Each failed sync attempt, as the epoch second it was seen (their number is the device's failed attempts; a storm
     * run files them before, during and after its outage).
     */
    private final List<Long> failedAtSeconds = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong quarantined = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final AtomicLong appendErrors = new AtomicLong();
    private volatile int appended;
    private SyncWorker worker;
    private volatile DeviceLink link;
    private long ackSeen;          // ack watcher only
    private long connectedAtNanos; // set before the worker starts, read by the ack watcher after it
    private long spreadEndNanos;   // when an online device's last burst is due, about; set before its first burst
    private long drainedAtNanos;   // ack watcher only

    private SimulatedDevice(String id, boolean offline, int events, EventMix mix, Random pacing, Journal journal,
                            SimulatedDeviceClock recorded) {
        this.id = id;
        this.offline = offline;
        this.events = events;
        this.mix = mix;
        this.pacing = pacing;
        this.journal = journal;
        this.recorded = recorded;
        this.appendedAtNanos = offline ? new long[0] : new long[events];
    }

    /**
     * Opens the device's journal under {@code dir}. A field device for every three kiosks, as in the bench's fleet.
     *
     * @param liveClock the machine's clock, which online devices stamp their events with
     */
    static SimulatedDevice open(String id, int index, boolean offline, int events, Path dir, long seed, DeviceClock liveClock) {
        return open(id, index, offline, events, dir, seed, liveClock, Optional.empty());
    }

    /**
     * As above, for a device enrolled with {@code credential}: its journal keys the chain with the credential's
     * secret and its citizens are sealed to the server's key in it, as a real device's (none: an --insecure server,
     * plain chain and random citizen keys).
     */
    static SimulatedDevice open(String id, int index, boolean offline, int events, Path dir, long seed, DeviceClock liveClock,
                                Optional<vn.kiosk06.client.enroll.DeviceCredential> credential) {
        boolean field = index % 4 == 3;
        EventMix mix = new EventMix(field ? EventMix.Profile.FIELD : EventMix.Profile.KIOSK,
                String.format("S%03d", index % 1000), seed * 1_000_003 + index, LocalDate.now(Clock.systemUTC()).minusDays(3),
                credential.flatMap(vn.kiosk06.client.enroll.DeviceCredential::sealingKey));
        SimulatedDeviceClock recorded = offline ? new SimulatedDeviceClock() : null;
        Optional<vn.kiosk06.wire.ChainKey> chainKey = credential.map(c -> vn.kiosk06.wire.ChainKey.fromSecret(c.secret()));
        DeviceClock clock = offline ? recorded : liveClock;
        Path file = dir.resolve(id + ".db");
        Journal journal = VirtualThreads.factory()
                .map(threads -> Journal.open(file, JournalSettings.defaults(), clock, chainKey, threads))
                .orElseGet(() -> Journal.open(file, JournalSettings.defaults(), clock, chainKey));
        return new SimulatedDevice(id, offline, events, mix, new Random(seed ^ (index * 0x9E3779B97F4A7C15L)), journal, recorded);
    }

    String id() {
        return id;
    }

    boolean offline() {
        return offline;
    }

    /** Journals the whole backlog now (an offline device, before it connects); returns when it is durable. */
    void journalBacklog() {
        CompletableFuture<Long> last = CompletableFuture.completedFuture(0L);
        for (int i = 0; i < events; i++) {
            // The recorded clock and the journal's stamping must happen on this one thread: appendAsync stamps at once.
            last = journal.appendAsync(recorded.showing(mix.next()));
        }
        long seq = last.join();
        appended = events;
        if (seq != events) {
            throw new IllegalStateException(id + ": backlog journaled up to seq " + seq + ", expected " + events);
        }
    }

    /** Creates the device's sync worker on its link (not started yet). */
    void connect(DeviceLink link, SyncSettings settings, DeviceClock liveClock) {
        this.link = link;
        worker = new SyncWorker(id, APP_VERSION, journal, link.channel(), settings, liveClock, Clock.systemUTC(),
                new Backoff(settings.backoffBase(), settings.backoffCap(), new Random(pacing.nextLong())),
                link.interceptorArray());
        worker.onStatus(this::observe);
        VirtualThreads.factory().ifPresent(worker::runOn);
    }

    /** Starts syncing; an online device also starts journaling its events in bursts over about {@code spreadNanos}. */
    void start(ScheduledExecutorService scheduler, long spreadNanos) {
        connectedAtNanos = System.nanoTime();
        worker.start();
        if (!offline) {
            spreadEndNanos = connectedAtNanos + spreadNanos;
            scheduleBurst(scheduler, true);
        }
    }

    private void scheduleBurst(ScheduledExecutorService scheduler, boolean first) {
        // Bursts of 1–4 events (2.5 on average), at intervals jittered ±50 % around the mean gap that spreads the
        // device's remaining events over its remaining spread. Not a fixed mean gap: with few events per device a
        // run of one-event bursts took twice the spread, and the slowest of thousands of devices set the run's
        // length (a 5,000-device run with 10 events each over 300 s took 11 minutes). Not exponential either: the
        // sum of exponential gaps strays as far. The first burst comes at a uniform offset, so the fleet does not
        // start in lockstep.
        long left = Math.max(0, spreadEndNanos - System.nanoTime());
        int remaining = Math.max(1, events - appended);
        double meanGap = left * Math.min(2.5, remaining) / remaining;
        long delay = (long) ((first ? pacing.nextDouble() : 0.5 + pacing.nextDouble()) * meanGap);
        scheduler.schedule(() -> burst(scheduler), delay, TimeUnit.NANOSECONDS);
    }

    private void burst(ScheduledExecutorService scheduler) {
        int n = Math.min(1 + pacing.nextInt(4), events - appended);
        for (int i = 0; i < n; i++) {
            int index = appended;
            appendedAtNanos[index] = System.nanoTime();
            try {
                journal.appendAsync(EventMix.content(mix.next())).whenComplete((seq, failure) -> {
                    if (failure != null) {
                        appendErrors.incrementAndGet();
                        lastError.set("append: " + Journal.unwrap(failure).getMessage());
                    }
                });
            } catch (RuntimeException e) {
                appendErrors.incrementAndGet();
                lastError.set("append: " + e.getMessage());
            }
            appended = index + 1;
        }
        if (appended < events && !scheduler.isShutdown()) {
            scheduleBurst(scheduler, false);
        }
    }

    private void observe(SyncStatus status) {
        status.lastError().ifPresent(e -> {
            failedAtSeconds.add(System.currentTimeMillis() / 1000);
            lastError.set(e);
        });
        quarantined.set(status.quarantined());
    }

    /**
     * Records the acks that arrived since the last call: for each newly acked event of an online device, its
     * append-to-ack latency goes to {@code latencies}. Returns the events newly acked. Ack watcher thread only.
     */
    long collectAcks(long nowNanos, LatencyRecorder latencies) {
        long acked = journal.ackedThrough();
        if (acked <= ackSeen) {
            return 0;
        }
        if (!offline) {
            for (long seq = ackSeen + 1; seq <= acked; seq++) {
                latencies.record(nowNanos - appendedAtNanos[(int) seq - 1]);
            }
        }
        long fresh = acked - ackSeen;
        ackSeen = acked;
        if (acked >= events) {
            drainedAtNanos = nowNanos;
        }
        return fresh;
    }

    /** Whether the server acked every event of this device. */
    boolean done() {
        return ackSeen >= events;
    }

    /** For an offline device that is done: from connecting to its last ack, ns. */
    long drainNanos() {
        return drainedAtNanos - connectedAtNanos;
    }

    long journaled() {
        return journal.lastSeq();
    }

    /** Adds this device's failed sync attempts to {@code bySecond} (epoch second → attempts). */
    void addFailureTimes(Map<Long, Long> bySecond) {
        synchronized (failedAtSeconds) {
            failedAtSeconds.forEach(t -> bySecond.merge(t, 1L, Long::sum));
        }
    }

    long errors() {
        return failedAtSeconds.size() + quarantined.get() + appendErrors.get();
    }

    String lastError() {
        return lastError.get();
    }

    /**
     * Moves the device to another server: stops its worker mid-call if need be (events in flight may or may not have
     * been stored there) and starts a new one on {@code link}, which resumes from that server's watermark.
     */
    void switchTo(DeviceLink link, SyncSettings settings, DeviceClock liveClock) {
        stopSyncing();
        connect(link, settings, liveClock);
        connectedAtNanos = System.nanoTime();
        worker.start();
    }

    /** How the device reaches the server now (its credentials ride on every call, a check's too). */
    DeviceLink link() {
        return link;
    }

    /** The highest seq the device's journal records as acked. */
    long acked() {
        return journal.ackedThrough();
    }

    /** Stops the worker (unacked events stay in the journal). */
    void stopSyncing() {
        if (worker != null) {
            worker.close();
        }
    }

    @Override
    public void close() {
        stopSyncing();
        journal.close();
    }
}
