package vn.kiosk06.bench.simulate;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import vn.kiosk06.client.clock.DeviceClock;
import vn.kiosk06.client.clock.SystemDeviceClock;
import vn.kiosk06.client.sync.SyncSettings;

/**
 * Devices back online with a backlog that move from one server instance to another mid-backlog, as behind a load
 * balancer when an instance is drained: each syncs to instance A until about half of its backlog is acked, then
 * its worker is stopped (calls in flight cancelled) and a new one syncs to instance B, which must resume from the
 * watermark the shared store holds. Batches are small (100 events) so the switch really lands mid-backlog.
 *
 * <p>Reports each device's watermark on both instances afterwards; counting duplicates needs the store's own
 * count of rows per device, which the caller reads (REST API).
 */
public final class InstanceSwitchSimulation {

    /**
     * @param devices         devices that switched
     * @param eventsPerDevice backlog of each
     * @param switched        devices that had moved to B before their backlog was fully acked on A
     * @param losses          per device, events up to eventsPerDevice missing from the lower of the two instances'
     *                        watermarks, summed
     * @param beyond          events above eventsPerDevice in a watermark (must be 0)
     * @param errors          failed sync attempts and quarantined events
     * @param timedOut        whether the acks did not all come within the timeout
     */
    public record Result(int devices, int eventsPerDevice, int switched, long losses, long beyond, long errors,
                         boolean timedOut) {
    }

    private InstanceSwitchSimulation() {
    }

    /** Runs {@code devices} switching devices of {@code eventsPerDevice} events each from {@code a} to {@code b}. */
    public static Result run(TargetAddress a, TargetAddress b, String prefix, int devices, int eventsPerDevice, Path work,
                             Duration timeout, PrintStream log) throws IOException, InterruptedException {
        return run(a, b, DeviceEnrollment.INSECURE, prefix, devices, eventsPerDevice, work, timeout, log);
    }

    /**
     * As above, each device enrolled first by {@code enrollment} (at instance {@code a}; both instances serve one
     * certificate and one registry) and carrying its credential to both.
     */
    public static Result run(TargetAddress a, TargetAddress b, DeviceEnrollment enrollment, String prefix, int devices,
                             int eventsPerDevice, Path work, Duration timeout, PrintStream log)
            throws IOException, InterruptedException {
        Simulation.checkDescriptors(devices);
        Files.createDirectories(work);
        DeviceClock clock = SystemDeviceClock.start();
        SyncSettings small = new SyncSettings(100, 4, 200, Duration.ofSeconds(10), Duration.ofSeconds(60),
                Duration.ofMinutes(1), Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMinutes(5));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<SimulatedDevice> fleet = new ArrayList<>();
        try (SharedChannels toA = new SharedChannels(a, 2, enrollment.pinnedCertificate());
             SharedChannels toB = new SharedChannels(b, 2, enrollment.pinnedCertificate())) {
            new ServerWatermarks(toA.forDevice(0), a).checkReachable(log);
            new ServerWatermarks(toB.forDevice(0), b).checkReachable(log);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < devices; i++) {
                ids.add(String.format(Locale.ROOT, "%s-%05d", prefix, i + 1));
            }
            enrollment.prepare(ids);
            for (int i = 0; i < devices; i++) {
                String id = ids.get(i);
                SimulatedDevice d = SimulatedDevice.open(id, i, true, eventsPerDevice, work, 11, clock);
                fleet.add(d);
                d.journalBacklog();
                d.connect(enrollment.enroll(id, toA.forDevice(i)), small, clock);
            }
            log.printf(Locale.ROOT, "[bench] two instances: %,d devices × %,d-event backlog, moving from %s to %s mid-backlog …%n",
                    devices, eventsPerDevice, a, b);
            fleet.forEach(d -> d.start(null, 0));
            boolean[] moved = new boolean[devices];
            List<Future<?>> switches = new ArrayList<>();
            int switched = 0;
            long deadline = System.nanoTime() + timeout.toNanos();
            boolean timedOut = false;
            while (true) {
                int done = 0;
                for (int i = 0; i < devices; i++) {
                    SimulatedDevice d = fleet.get(i);
                    long acked = d.acked();
                    if (!moved[i] && acked >= eventsPerDevice / 2) {
                        moved[i] = true;
                        switched += acked < eventsPerDevice ? 1 : 0;
                        int index = i;
                        switches.add(pool.submit(() -> d.switchTo(new DeviceLink(toB.forDevice(index), d.link().interceptors()), small, clock)));
                    }
                    done += moved[i] && acked >= eventsPerDevice ? 1 : 0;
                }
                if (done == devices) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    timedOut = true;
                    break;
                }
                Thread.sleep(5); // a harness loop: catch each device as close to mid-backlog as possible
            }
            for (Future<?> f : switches) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("moving a device to the other instance failed: " + e.getCause(), e.getCause());
                }
            }
            fleet.forEach(SimulatedDevice::stopSyncing);
            ServerWatermarks onA = new ServerWatermarks(toA.forDevice(0), a);
            ServerWatermarks onB = new ServerWatermarks(toB.forDevice(0), b);
            long losses = 0;
            long beyond = 0;
            long errors = 0;
            for (SimulatedDevice d : fleet) {
                // One shared store: both instances must answer the full backlog; the lower answer counts.
                long wa = onA.watermark(d.id(), d.journaled(), d.link().interceptorArray());
                long wb = onB.watermark(d.id(), d.journaled(), d.link().interceptorArray());
                losses += Math.max(0, eventsPerDevice - Math.min(wa, wb));
                beyond += Math.max(0, Math.max(wa, wb) - eventsPerDevice);
                errors += d.errors();
            }
            return new Result(devices, eventsPerDevice, switched, losses, beyond, errors, timedOut);
        } finally {
            fleet.forEach(SimulatedDevice::close);
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
