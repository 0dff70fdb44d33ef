package vn.kiosk06.bench.simulate;

import vn.kiosk06.bench.scale.Cleanup;
import com.sun.management.UnixOperatingSystemMXBean;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import vn.kiosk06.client.clock.DeviceClock;
import vn.kiosk06.client.clock.SystemDeviceClock;
import vn.kiosk06.client.sync.SyncSettings;

/**
 * Runs a {@link SimulationPlan}: sets up every device (journal, backlog for the offline ones, enrollment, sync
 * worker on a shared channel), starts them all at once, watches the acks come back with a live progress line,
 * then stops the workers and asks the server, device by device, what it holds.
 *
 * <p>Threads: each device's journal and sync worker own one thread apiece (the client's design; virtual threads on
 * Java 21 or later, see {@link VirtualThreads}); besides those a
 * fixed handful — setup, the burst scheduler, gRPC callbacks and this thread watching acks — whatever the fleet size.
 * Not reusable: one run per instance.
 */
public final class Simulation {

    /**
     * File descriptors one device holds: its journal's two SQLite connections (database and WAL file each) and
     * the shared-memory index of the WAL, plus headroom for SQLite's deferred closes. Measured: 5 per device.
     */
    static final int DESCRIPTORS_PER_DEVICE = 6;
    private static final int DESCRIPTORS_RESERVE = 256;
    private static final int SETUP_THREADS = 4;
    /** How often the ack watcher reads every device's ack mark; the append → ack figures are at most this long. */
    static final java.time.Duration ACK_POLL = java.time.Duration.ofMillis(50);

    private final SimulationPlan plan;
    private final DeviceEnrollment enrollment;
    private final PrintStream log;
    private final ProgressLine progress;

    public Simulation(SimulationPlan plan, DeviceEnrollment enrollment, PrintStream log, boolean terminal) {
        this.plan = plan;
        this.enrollment = enrollment;
        this.log = log;
        this.progress = new ProgressLine(log, terminal);
    }

    /**
     * Refuses a fleet this process cannot open files for, naming the limit. Raising it is the operator's call
     * ({@code ulimit -n} in the shell that starts the run); the simulation never changes system settings.
     */
    static void checkDescriptors(int devices) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof UnixOperatingSystemMXBean unix) {
            long need = (long) devices * DESCRIPTORS_PER_DEVICE + DESCRIPTORS_RESERVE + unix.getOpenFileDescriptorCount();
            long max = unix.getMaxFileDescriptorCount();
            if (need > max) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "--devices %,d needs about %,d open files (%d per device's journal) but this process may open %,d "
                                + "(ulimit -n); use at most %,d devices, or raise 'ulimit -n' in this shell first",
                        devices, need, DESCRIPTORS_PER_DEVICE, max,
                        Math.max(0, (max - DESCRIPTORS_RESERVE - unix.getOpenFileDescriptorCount()) / DESCRIPTORS_PER_DEVICE)));
            }
        }
    }

    /** The most devices one process can hold open under its file limit (ulimit -n); MAX_VALUE where unknown. */
    public static int maxDevicesPerProcess() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            return (int) Math.max(1, (unix.getMaxFileDescriptorCount() - DESCRIPTORS_RESERVE - unix.getOpenFileDescriptorCount())
                    / DESCRIPTORS_PER_DEVICE);
        }
        return Integer.MAX_VALUE;
    }

    /** Runs the plan to the end (every event acked, or the timeout) and reports. */
    public SimulationResult run() throws IOException, InterruptedException {
        checkDescriptors(plan.devices());
        if (!VirtualThreads.available()) {
            ThreadBudget.ofThisMachine().flatMap(b -> b.shortage(plan.devices())).ifPresent(why -> {
                throw new IllegalArgumentException("--devices " + plan.devices() + ": " + why
                        + " (on Java 21 or later each device runs on virtual threads instead)");
            });
        }
        log.printf(Locale.ROOT, "[simulate] each device's journal writer and sync worker on %s threads (Java %s)%n",
                VirtualThreads.available() ? "virtual" : "platform", Runtime.version().feature());
        try (SharedChannels channels = new SharedChannels(plan.target(), plan.channels(), enrollment.pinnedCertificate())) {
            ServerWatermarks server = new ServerWatermarks(channels.forDevice(0), plan.target());
            server.checkReachable(log); // before any journal is made
            boolean temporary = plan.workDir().isEmpty();
            Path work = temporary ? Files.createTempDirectory("kiosk06-simulate-") : Files.createDirectories(plan.workDir().get());
            ExecutorService setup = Executors.newFixedThreadPool(SETUP_THREADS, daemon("simulate-setup"));
            List<SimulatedDevice> devices = new ArrayList<>();
            try {
                setUp(setup, channels, work, devices);
                return runFleet(devices, setup, server);
            } finally {
                inParallel(setup, devices.size(), i -> () -> {
                    devices.get(i).close();
                    return null;
                });
                setup.shutdownNow();
                if (temporary) {
                    Cleanup.deleteTree(work);
                }
            }
        }
    }

    private String deviceId(int index) {
        return String.format(Locale.ROOT, "%s-%05d", plan.deviceIdPrefix(), index + 1);
    }

    /** Sets every device up; {@code opened} receives each device opened, in order, even when a later one fails. */
    private void setUp(ExecutorService setup, SharedChannels channels, Path work, List<SimulatedDevice> opened)
            throws InterruptedException {
        int offline = plan.offlineDevices();
        log.printf(Locale.ROOT, "[simulate] setting up %,d devices in %s (%,d with a %,d-event backlog journaled) …%n",
                plan.devices(), work, offline, plan.eventsPerDevice());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < plan.devices(); i++) {
            ids.add(deviceId(i));
        }
        long t0 = System.nanoTime();
        enrollment.prepare(ids);
        if (enrollment.pinnedCertificate().isPresent()) {
            log.printf(Locale.ROOT, "[simulate] registered %,d devices in %.1f s; each enrolls over TLS as it is set up …%n",
                    plan.devices(), (System.nanoTime() - t0) / 1e9);
        }
        DeviceClock liveClock = SystemDeviceClock.start();
        SyncSettings settings = plan.syncSettings();
        AtomicInteger ready = new AtomicInteger();
        SimulatedDevice[] devices = new SimulatedDevice[plan.devices()];
        List<Future<Object>> futures = new ArrayList<>();
        for (int i = 0; i < plan.devices(); i++) {
            int index = i;
            futures.add(setup.submit(() -> {
                boolean isOffline = index < offline;
                String id = deviceId(index);
                // Enrolled first, as a real device is before it journals: its credential keys its chain and its
                // citizens are sealed to the server's key.
                DeviceLink link = enrollment.enroll(id, channels.forDevice(index));
                SimulatedDevice d = SimulatedDevice.open(id, index, isOffline, plan.eventsPerDevice(), work, plan.seed(),
                        liveClock, link.credential());
                devices[index] = d;
                if (isOffline) {
                    d.journalBacklog();
                }
                d.connect(link, settings, liveClock);
                ready.incrementAndGet();
                return null;
            }));
        }
        try {
            for (Future<Object> f : futures) {
                while (!f.isDone()) {
                    progress.show(String.format(Locale.ROOT, "[simulate] set up %,d / %,d devices", ready.get(), plan.devices()),
                            System.nanoTime(), false);
                    try {
                        f.get(200, TimeUnit.MILLISECONDS);
                    } catch (java.util.concurrent.TimeoutException e) {
                        // show progress and wait on
                    }
                }
                f.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("setting up a device failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            progress.finish();
            // Handed over even on failure, so the caller closes what was opened.
            for (Future<Object> f : futures) {
                try {
                    f.get(); // each setup is short: let the others finish so every journal opened gets closed
                } catch (ExecutionException ignored) {
                    // the first failure is already on its way up
                }
            }
            for (SimulatedDevice d : devices) {
                if (d != null) {
                    opened.add(d);
                }
            }
        }
    }

    private SimulationResult runFleet(List<SimulatedDevice> devices, ExecutorService setup, ServerWatermarks server)
            throws InterruptedException {
        log.printf(Locale.ROOT, "[simulate] starting %,d sync workers against %s over %d shared connection(s) …%n",
                devices.size(), plan.target(), plan.channels());
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, daemon("simulate-appends"));
        LatencyRecorder latencies = new LatencyRecorder((int) Math.min(Integer.MAX_VALUE - 8,
                (long) (devices.size() - plan.offlineDevices()) * plan.eventsPerDevice()));
        long t0 = System.nanoTime();
        long deadline = t0 + plan.timeout().toNanos();
        long lastAck = t0;
        long acked = 0;
        boolean timedOut = false;
        try {
            // Devices come online evenly over the ramp, as a fleet does when it is switched on in the morning.
            long ramp = plan.ramp().toNanos();
            for (int i = 0; i < devices.size(); i++) {
                SimulatedDevice d = devices.get(i);
                long at = ramp * i / devices.size();
                scheduler.schedule(() -> d.start(scheduler, plan.spread().toNanos()), at, TimeUnit.NANOSECONDS);
            }
            int done = 0;
            while (done < devices.size()) {
                long now = System.nanoTime();
                done = 0;
                long errors = 0;
                for (SimulatedDevice d : devices) {
                    long fresh = d.collectAcks(now, latencies);
                    if (fresh > 0) {
                        acked += fresh;
                        lastAck = now;
                    }
                    done += d.done() ? 1 : 0;
                    errors += d.errors();
                }
                if (progress.due(now) || done == devices.size()) {
                    progress.show(line(done, devices.size(), acked, now - t0, errors), now, done == devices.size());
                }
                if (done == devices.size()) {
                    break;
                }
                if (now > deadline) {
                    timedOut = true;
                    break;
                }
                // A harness loop, not a test. Each pass reads every device's ack mark: at 10 ms it took a quarter of a
                // 2,000-device simulator's CPU (profiled). An ack is timed when the pass sees it, so a latency reads
                // up to ACK_POLL long, never short.
                Thread.sleep(ACK_POLL.toMillis());
            }
        } finally {
            progress.finish();
            scheduler.shutdownNow();
            inParallel(setup, devices.size(), i -> () -> {
                devices.get(i).stopSyncing();
                return null;
            });
        }
        double seconds = (lastAck - t0) / 1e9;
        log.printf(Locale.ROOT, "[simulate] asking the server what it holds for each of the %,d devices …%n", devices.size());
        AtomicLong serverEvents = new AtomicLong();
        AtomicInteger above = new AtomicInteger();
        AtomicInteger below = new AtomicInteger();
        AtomicLong checkErrors = new AtomicLong();
        Set<String> samples = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
        inParallel(setup, devices.size(), i -> () -> {
            SimulatedDevice d = devices.get(i);
            try {
                long watermark = server.watermark(d.id(), d.journaled(), d.link().interceptorArray());
                serverEvents.addAndGet(watermark);
                if (watermark > plan.eventsPerDevice()) {
                    above.incrementAndGet();
                } else if (watermark < plan.eventsPerDevice()) {
                    below.incrementAndGet();
                }
            } catch (StatusRuntimeException e) {
                checkErrors.incrementAndGet();
                below.incrementAndGet();
                samples.add(d.id() + ": checking the server's watermark: " + e.getStatus());
            }
            return null;
        });
        List<SimulatedDevice> drained = devices.stream().filter(d -> d.offline() && d.done()).toList();
        LatencyRecorder drains = new LatencyRecorder(drained.size());
        drained.forEach(d -> drains.record(d.drainNanos()));
        devices.stream().map(SimulatedDevice::lastError).filter(e -> e != null).limit(5)
                .forEach(e -> samples.add(e));
        long sent = devices.stream().mapToLong(SimulatedDevice::journaled).sum();
        return new SimulationResult(devices.size(), plan.eventsPerDevice(), plan.offlineDevices(), sent, acked, seconds,
                latencies.percentileMs(50), latencies.percentileMs(99), drains.percentileMs(50), drains.percentileMs(99),
                errors(devices) + checkErrors.get(), samples.stream().limit(5).toList(), serverEvents.get(), above.get(),
                below.get(), timedOut, processCpuSeconds(), failureTimes(devices));
    }

    /** This JVM's CPU time so far: a scale run says how much of the shared machine the simulated devices took. */
    private static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    private static SortedMap<Long, Long> failureTimes(List<SimulatedDevice> devices) {
        SortedMap<Long, Long> bySecond = new TreeMap<>();
        devices.forEach(d -> d.addFailureTimes(bySecond));
        return bySecond;
    }

    private static long errors(List<SimulatedDevice> devices) {
        long n = 0;
        for (SimulatedDevice d : devices) {
            n += d.errors();
        }
        return n;
    }

    private String line(int done, int devices, long acked, long elapsedNanos, long errors) {
        double s = elapsedNanos / 1e9;
        return String.format(Locale.ROOT, "[simulate] %,d / %,d devices synced · %,d / %,d events acked (%.0f %%) · %,.0f ev/s · %.0f s · errors %,d",
                done, devices, acked, plan.totalEvents(), 100.0 * acked / plan.totalEvents(), s > 0 ? acked / s : 0, s, errors);
    }

    /** Runs task(i) for i in [0, n) on {@code pool} and waits for all; the first failure is rethrown after. */
    private static void inParallel(ExecutorService pool, int n, IntFunction<Callable<Object>> task) {
        List<Future<Object>> futures = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            futures.add(pool.submit(task.apply(i)));
        }
        RuntimeException first = null;
        for (Future<Object> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
