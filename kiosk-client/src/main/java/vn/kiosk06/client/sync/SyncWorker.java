package vn.kiosk06.client.sync;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.ClientInterceptor;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kiosk06.client.clock.DeviceClock;
import vn.kiosk06.client.journal.Journal;
import vn.kiosk06.client.journal.JournalException;
import vn.kiosk06.client.journal.JournaledEvent;
import vn.kiosk06.proto.sync.v1.Ack;
import vn.kiosk06.client.clock.NtpSync;
import vn.kiosk06.client.clock.NtpSyncProbe;
import vn.kiosk06.proto.sync.v1.ClockSample;
import vn.kiosk06.proto.sync.v1.DeviceConfig;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.EventBatch;
import vn.kiosk06.proto.sync.v1.HandshakeRequest;
import vn.kiosk06.proto.sync.v1.HandshakeResponse;
import vn.kiosk06.proto.sync.v1.Rejection;
import vn.kiosk06.proto.sync.v1.SyncServiceGrpc;
import vn.kiosk06.wire.EventChain;
import vn.kiosk06.wire.NtpTimes;

/**
 * Moves the journal to the server: a handshake (server time, configuration, the server's watermark), then one
 * upload stream that sends unacked events in order, in bounded, gzip-compressed batches with a few in flight,
 * marking each batch acked in the journal when its ack arrives. After any failure it starts over from the
 * server's watermark, after an exponential backoff with full jitter, so a device offline for days catches up on
 * its own.
 *
 * <p>Runs on its own thread; {@link #requestSync()} and {@link #status()} may be called from any thread.
 */
public final class SyncWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyncWorker.class);
    private static final Object STREAM_DONE = new Object();

    private final String deviceId;
    private final String appVersion;
    private final Journal journal;
    private final ManagedChannel channel;
    private final SyncServiceGrpc.SyncServiceBlockingStub blocking;
    private final SyncServiceGrpc.SyncServiceStub async;
    private final SyncSettings settings;
    private final DeviceClock deviceClock;
    private final Clock clock;
    private final Backoff backoff;
    private final List<Consumer<DeviceConfig>> configListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<SyncStatus>> statusListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ClockSample>> clockListeners = new CopyOnWriteArrayList<>();
    private final List<ClockSample> unsentSamples = new ArrayList<>();
    /** Asked at each handshake whether the OS clock is NTP-synchronised; unknown until {@link #reportOsClockSync}. */
    private volatile NtpSyncProbe osClock = () -> NtpSync.UNKNOWN;
    private final AtomicLong quarantined = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    /** A person asked ("sync now"): ends any wait, backoff included. */
    private boolean syncRequested;
    /** Events were journaled: ends the wait for the next interval, but not a backoff after a failure. */
    private boolean eventsArrived;
    private volatile boolean running;
    private Thread thread;
    /** Where the worker's loop runs: a daemon platform thread of its own, unless {@link #runOn} says otherwise. */
    private ThreadFactory threads = r -> {
        Thread t = new Thread(r, "sync-worker");
        t.setDaemon(true);
        return t;
    };
    private volatile Instant lastSync;
    private volatile Instant offlineSince;
    private volatile String lastError;
    /** A large backlog being drained, for progress lines; the sync thread's alone. */
    private DrainProgress drain;

    public SyncWorker(String deviceId, String appVersion, Journal journal, ManagedChannel channel, SyncSettings settings,
                      DeviceClock deviceClock, Clock clock, Backoff backoff, ClientInterceptor... interceptors) {
        this.deviceId = deviceId;
        this.appVersion = appVersion;
        this.journal = journal;
        this.channel = channel;
        this.blocking = SyncServiceGrpc.newBlockingStub(channel).withInterceptors(interceptors);
        this.async = SyncServiceGrpc.newStub(channel).withInterceptors(interceptors);
        this.settings = settings;
        this.deviceClock = deviceClock;
        this.clock = clock;
        this.backoff = backoff;
        journal.onAppend(this::newEvents);
    }

    /** The app version this worker reports at each handshake. */
    public String appVersion() {
        return appVersion;
    }

    /** Called with the configuration the server sends at each handshake. */
    public void onConfig(Consumer<DeviceConfig> listener) {
        configListeners.add(listener);
    }

    /** Called after every sync attempt with the new status. */
    public void onStatus(Consumer<SyncStatus> listener) {
        statusListeners.add(listener);
    }

    /** Called with each clock measurement taken at a handshake. */
    public void onClockSample(Consumer<ClockSample> listener) {
        clockListeners.add(listener);
    }

    /**
     * Tells the server, with each clock sample, whether the OS said its clock was NTP-synchronised at the handshake
     * ({@code ClockSample.os_clock_synchronized}): the server then does not move events by an offset that is only
     * the measurement's noise. Call before {@link #start()}.
     */
    public void reportOsClockSync(NtpSyncProbe probe) {
        if (probe == null) {
            throw new IllegalArgumentException("probe must be set, was null");
        }
        this.osClock = probe;
    }

    /** Starts the background thread. */
    public void start() {
        lock.lock();
        try {
            if (running) {
                return;
            }
            running = true;
            syncRequested = true;
        } finally {
            lock.unlock();
        }
        thread = threads.newThread(this::loop);
        thread.start();
    }

    /**
     * Runs the worker's loop on a thread of {@code factory} (call before {@link #start()}): the fleet simulator runs
     * thousands of workers in one process, each on a virtual thread, where a device runs one on a thread of its own.
     */
    public void runOn(ThreadFactory factory) {
        if (factory == null) {
            throw new IllegalArgumentException("thread factory must be set, was null");
        }
        this.threads = factory;
    }

    /** Asks for a sync as soon as possible (the "sync now" button), cutting short any backoff wait. */
    public void requestSync() {
        lock.lock();
        try {
            syncRequested = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * New events go out at once while the server answers; after a failure they wait for the backoff like everything
     * else. Otherwise a device journaling while its server is down or overloaded retries at its event rate, and a
     * fleet coming back after a server restart arrives all at once instead of spread by the backoff's jitter.
     */
    private void newEvents() {
        lock.lock();
        try {
            eventsArrived = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The current sync status. */
    public SyncStatus status() {
        long backlog = journal.backlog();
        SyncStatus.State state = lastError != null ? SyncStatus.State.OFFLINE
                : backlog == 0 ? SyncStatus.State.SYNCED : SyncStatus.State.WAITING;
        return new SyncStatus(state, backlog, journal.lastSeq(), journal.ackedThrough(), Optional.ofNullable(lastSync),
                Optional.ofNullable(offlineSince), Optional.ofNullable(lastError), quarantined.get());
    }

    private void loop() {
        int failures = 0;
        boolean more = false;
        // After a call that stopped at maxBatchesPerCall with events left, go again at once: waiting for the
        // interval there would stretch a large backlog's drain by a whole interval per call.
        while (more ? isRunning()
                : failures == 0 ? awaitTurn(settings.interval(), true) : awaitTurn(backoff.delay(failures), false)) {
            more = false;
            try {
                if (drain == null && journal.lastSeq() - journal.ackedThrough() >= DrainProgress.LARGE) {
                    drain = new DrainProgress(journal.ackedThrough(), journal.lastSeq() - journal.ackedThrough(),
                            clock.instant());
                    LOG.info(drain.begun());
                }
                more = syncOnce();
                if (drain != null && !more) {
                    LOG.info(drain.drained(journal.ackedThrough(), clock.instant()));
                    drain = null;
                }
                failures = 0;
                lastSync = clock.instant();
                lastError = null;
                offlineSince = null;
            } catch (SyncFailure e) {
                if (!running) {
                    return; // cancelled by close(): not a sync failure worth a warning
                }
                failures++;
                if (offlineSince == null) {
                    offlineSince = clock.instant();
                }
                LOG.debug("Sync attempt {} failed: {}", failures, e.getMessage());
                if (!e.getMessage().equals(lastError)) {
                    LOG.warn("Sync failed: {} (retrying with backoff; {} events waiting)", e.getMessage(), journal.backlog());
                }
                lastError = e.getMessage();
            } catch (RuntimeException e) {
                if (!running) {
                    return; // close() interrupted the journal mid-call (e.g. marking a batch acked): not a failure
                }
                failures++;
                lastError = "unexpected: " + e;
                LOG.error("Sync failed unexpectedly", e);
            }
            SyncStatus status = status();
            statusListeners.forEach(l -> l.accept(status));
        }
    }

    private boolean isRunning() {
        lock.lock();
        try {
            return running;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for {@code timeout}, a sync request, or (if {@code newEventsEndWait}) new events; returns false when the
     * worker is closing.
     */
    private boolean awaitTurn(Duration timeout, boolean newEventsEndWait) {
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (running && !syncRequested && !(newEventsEndWait && eventsArrived) && nanos > 0) {
                nanos = wake.awaitNanos(nanos);
            }
            if (!running) {
                return false;
            }
            boolean requested = syncRequested || (newEventsEndWait && eventsArrived);
            syncRequested = false;
            eventsArrived = false;
            if (requested) {
                // Let a burst of new events gather so it goes in one batch rather than one stream per event.
                long linger = settings.linger().toNanos();
                while (running && linger > 0) {
                    linger = wake.awaitNanos(linger);
                }
                syncRequested = false;
                eventsArrived = false;
            }
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * One sync: handshake, then upload everything unacked, up to {@code maxBatchesPerCall} batches. Returns true
     * when it stopped at that limit with events left to send. Public for tests and the "sync now" path.
     */
    boolean syncOnce() throws SyncFailure {
        // gRPC keeps its own reconnect backoff (up to two minutes) and fails calls fast meanwhile; ours already
        // decided it is time to try, and "sync now" must mean now.
        channel.resetConnectBackoff();
        HandshakeResponse hello = handshake();
        long serverHas = hello.getWatermark();
        // A server from before highest_seq answers 0 with a watermark above it: settle nothing against that.
        if (journal.unconfirmedFrom() > 0 && hello.getHighestSeq() >= serverHas) {
            try {
                journal.continueAfter(hello.getHighestSeq(), hello.getHighestHash());
            } catch (JournalException e) {
                throw new SyncFailure("could not move the salvaged journal's new events past the server's seq "
                        + hello.getHighestSeq() + " (" + e.getMessage() + "); nothing sent, trying again", e);
            }
        }
        if (serverHas > journal.lastSeq()) {
            throw new SyncFailure("the server already holds events up to seq " + serverHas + " for device '" + deviceId
                    + "' but this journal ends at seq " + journal.lastSeq()
                    + ": the device id is used by another device or this journal was replaced; not syncing");
        }
        journal.markAcked(serverHas);
        long from = journal.ackedThrough();
        if (serverHas < from && journal.read(serverHas + 1).isPresent()) {
            // The server lost events we still have (restored from a backup): send them again.
            LOG.warn("Server holds only up to seq {} but acked up to {} before; re-sending", serverHas, from);
            from = serverHas;
        }
        return upload(from);
    }

    /** A handshake's answer and the clock measurement taken around it. */
    private record Measured(HandshakeResponse response, ClockSample sample) {
        long roundTripMs() {
            return NtpTimes.roundTrip(sample.getDeviceSendTimeMs(), sample.getServerReceiveTimeMs(),
                    sample.getServerTransmitTimeMs(), sample.getDeviceReceiveTimeMs()).toMillis();
        }
    }

    private Measured callHandshake() throws SyncFailure {
        byte[] bootId = deviceClock.bootId().toBytes();
        long mono = deviceClock.monotonicNanos();
        long t0 = deviceClock.wallTimeMillis();
        HandshakeResponse response;
        try {
            // Wait-for-ready: ride the reconnect that resetConnectBackoff started, up to the deadline, rather than
            // failing at once on the channel's previous failure.
            response = blocking.withDeadlineAfter(settings.handshakeDeadline().toMillis(), TimeUnit.MILLISECONDS)
                    .withWaitForReady()
                    .handshake(HandshakeRequest.newBuilder()
                            .setDeviceId(deviceId)
                            .setBootId(ByteString.copyFrom(bootId))
                            .setDeviceSendTimeMs(t0)
                            .setMonotonicNanos(mono)
                            .setAppVersion(appVersion)
                            .setLastSeq(journal.lastSeq())
                            .setUnconfirmedFrom(journal.unconfirmedFrom())
                            .build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
                throw new SyncFailure("handshake: server " + channel.authority() + " not reachable within "
                        + settings.handshakeDeadline().toSeconds() + " s", e);
            }
            throw new SyncFailure("handshake: " + describe(e.getStatus()), e);
        }
        long t3 = deviceClock.wallTimeMillis();
        // Asked after t3, so the probe's cost (a process start, now and then) never lengthens the round trip.
        boolean synced = osClock.probe() == NtpSync.SYNCHRONIZED;
        return new Measured(response, ClockSample.newBuilder()
                .setBootId(ByteString.copyFrom(bootId))
                .setMonotonicNanos(mono)
                .setDeviceSendTimeMs(t0)
                .setServerReceiveTimeMs(response.getServerReceiveTimeMs())
                .setServerTransmitTimeMs(response.getServerTransmitTimeMs())
                .setDeviceReceiveTimeMs(t3)
                .setOsClockSynchronized(synced)
                .build());
    }

    private HandshakeResponse handshake() throws SyncFailure {
        boolean wasConnected = channel.getState(false) == ConnectivityState.READY;
        Measured first = callHandshake();
        // A handshake that waited for the connection to come up has a long round trip, and the clock offset it
        // measures is only good to ±half of it. The connection is up now: measure again, tightly. On a connection
        // that was already up, a long round trip is a slow server (or link): asking again would measure no better
        // and add load just when the server can least take it (a fleet doubled its handshakes then, issue 17).
        Measured hello = !wasConnected && first.roundTripMs() > 1_000 ? callHandshake() : first;
        ClockSample sample = hello.sample();
        synchronized (unsentSamples) {
            unsentSamples.add(sample);
            // Keep the newest few: on a link that fails after every handshake, the list must not grow forever.
            while (unsentSamples.size() > 16) {
                unsentSamples.remove(0);
            }
        }
        clockListeners.forEach(l -> l.accept(sample));
        HandshakeResponse response = hello.response();
        if (response.hasConfig()) {
            configListeners.forEach(l -> l.accept(response.getConfig()));
        }
        return response;
    }

    /** Uploads from {@code startAfter}; returns true when it stopped at the per-call batch limit with events left. */
    private boolean upload(long startAfter) throws SyncFailure {
        List<ClockSample> samples;
        synchronized (unsentSamples) {
            samples = List.copyOf(unsentSamples);
        }
        if (journal.lastSeq() <= startAfter && samples.isEmpty()) {
            return false;
        }
        BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
        long deadline = System.nanoTime() + settings.uploadDeadline().toNanos();
        ClientCallStreamObserver<EventBatch>[] requestHolder = newRequestHolder();
        async.withDeadlineAfter(settings.uploadDeadline().toMillis(), TimeUnit.MILLISECONDS)
                .withCompression("gzip")
                .upload(new ClientResponseObserver<EventBatch, Ack>() {
                    @Override
                    public void beforeStart(ClientCallStreamObserver<EventBatch> requests) {
                        requestHolder[0] = requests;
                    }

                    @Override
                    public void onNext(Ack ack) {
                        inbox.add(ack);
                    }

                    @Override
                    public void onError(Throwable t) {
                        inbox.add(t);
                    }

                    @Override
                    public void onCompleted() {
                        inbox.add(STREAM_DONE);
                    }
                });
        ClientCallStreamObserver<EventBatch> requests = requestHolder[0];
        boolean finished = false;
        try {
            long sentThrough = startAfter;
            int inflight = 0;
            int batches = 0;
            boolean samplesPending = !samples.isEmpty();
            EventChain wireChain = journal.wireChain(); // this upload's thread only
            while (true) {
                while (inflight < settings.maxInflightBatches() && batches < settings.maxBatchesPerCall()) {
                    List<JournaledEvent> events = journal.readAfter(sentThrough, settings.batchEvents());
                    if (events.isEmpty() && !samplesPending) {
                        break;
                    }
                    EventBatch.Builder batch = EventBatch.newBuilder().setDeviceId(deviceId).addAllEvents(forTheWire(wireChain, events))
                            .setChainKeyed(wireChain.keyed());
                    if (samplesPending) {
                        batch.addAllClockSamples(samples);
                        samplesPending = false;
                    }
                    requests.onNext(batch.build());
                    inflight++;
                    batches++;
                    if (!events.isEmpty()) {
                        sentThrough = events.get(events.size() - 1).seq();
                    }
                }
                if (inflight == 0) {
                    break;
                }
                Object reply = inbox.poll(Math.max(deadline - System.nanoTime(), 0), TimeUnit.NANOSECONDS);
                if (reply instanceof Ack ack) {
                    inflight--;
                    if (ack.getBatchLastSeq() > 0) {
                        journal.markAcked(ack.getBatchLastSeq());
                        if (drain != null) {
                            drain.acked(ack.getBatchLastSeq(), clock.instant()).ifPresent(LOG::info);
                        }
                    }
                    report(ack);
                } else if (reply instanceof Throwable t) {
                    finished = true;
                    throw new SyncFailure("upload: " + describe(Status.fromThrowable(t)), t);
                } else if (reply == STREAM_DONE) {
                    finished = true;
                    throw new SyncFailure("upload: the server closed the stream with " + inflight + " batches unacked");
                } else {
                    throw new SyncFailure("upload: no ack within " + settings.uploadDeadline().toSeconds() + " s");
                }
            }
            synchronized (unsentSamples) {
                unsentSamples.removeAll(samples);
            }
            requests.onCompleted();
            finished = true;
            Object end = inbox.poll(Math.max(deadline - System.nanoTime(), 0), TimeUnit.NANOSECONDS);
            if (end instanceof Throwable t) {
                throw new SyncFailure("upload: " + describe(Status.fromThrowable(t)), t);
            }
            return batches >= settings.maxBatchesPerCall() && journal.lastSeq() > sentThrough;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncFailure("upload interrupted", e);
        } finally {
            if (!finished) {
                requests.cancel("sync worker gave up on this call", null);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static ClientCallStreamObserver<EventBatch>[] newRequestHolder() {
        return (ClientCallStreamObserver<EventBatch>[]) new ClientCallStreamObserver<?>[1];
    }

    /** The events as sent: each prev_hash the server restores from the batch's previous event left out. */
    private static List<Event> forTheWire(EventChain wireChain, List<JournaledEvent> events) throws SyncFailure {
        try {
            return wireChain.forTheWire(events.stream().map(JournaledEvent::body).toList());
        } catch (InvalidProtocolBufferException ex) {
            throw new SyncFailure("a journal row in seq " + events.get(0).seq() + ".." + events.get(events.size() - 1).seq()
                    + " is not a valid event: " + ex.getMessage(), ex);
        }
    }

    private void report(Ack ack) {
        for (Rejection r : ack.getRejectedList()) {
            quarantined.incrementAndGet();
            LOG.warn("Server quarantined event seq {}: {}", r.getSeq(), r.getReason());
        }
    }

    private static String describe(Status status) {
        String description = status.getDescription();
        if (description == null && status.getCause() != null) {
            description = status.getCause().getMessage();
        }
        return status.getCode() + (description == null ? "" : " (" + description + ")");
    }

    @Override
    public void close() {
        lock.lock();
        try {
            running = false;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        if (thread != null) {
            // Interrupting cancels a call in flight (a handshake waiting for an absent server can take its whole
            // deadline), so shutting down is quick; nothing is lost: unacked events stay in the journal.
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
