package vn.kiosk06.bench.simulate;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vn.kiosk06.client.clock.DeviceClock;
import vn.kiosk06.client.clock.SystemDeviceClock;
import vn.kiosk06.client.sync.SyncSettings;

/**
 * Devices back online with a backlog that sync through one address — a reverse proxy balancing their calls over
 * several server instances — while the run stops one instance: each device enrolls through the proxy, journals its
 * backlog, then syncs on its own TLS connection to the proxy (pinned to the servers' certificate); when a share of
 * all events is acked the caller's {@link Phases#midway} stops an instance, and the proxy moves the calls to the
 * others. After every event is acked, {@link Phases#drained} runs while the devices keep syncing (heartbeats only).
 * Each device's watermark is then asked through the proxy: losses below the backlog, anything beyond it.
 */
public final class ProxiedFleetSimulation {

    /** What the caller does at each point of the run (measure, stop an instance); runs on the harness thread. */
    public interface Phases {
        /** Devices enrolled and their backlogs journaled; nothing synced yet. */
        void syncing() throws Exception;

        /** {@code acked} of all events are acked. */
        void midway(long acked) throws Exception;

        /** Every event acked; the devices are still connected and keep syncing (heartbeats) until this returns. */
        void drained() throws Exception;
    }

    /**
     * @param devices         devices that synced through the proxy
     * @param eventsPerDevice backlog of each
     * @param ackedAtMidway   events acked when {@link Phases#midway} ran
     * @param losses          per device, events up to eventsPerDevice missing below the watermark the proxy's
     *                        instances answer, summed
     * @param beyond          events above eventsPerDevice in a watermark (must be 0)
     * @param errors          failed sync attempts (an instance stopping costs the calls in flight on it) and
     *                        quarantined events
     * @param timedOut        whether the acks did not all come within the timeout
     * @param drain           from the first sync to the last ack
     */
    public record Result(int devices, int eventsPerDevice, long ackedAtMidway, long losses, long beyond, long errors,
                         boolean timedOut, Duration drain) {
    }

    private ProxiedFleetSimulation() {
    }

    /**
     * Runs {@code devices} devices of {@code eventsPerDevice} backlog events each through {@code proxy}, calling
     * {@code phases.midway} once {@code midwayShare} of all events are acked.
     */
    public static Result run(TargetAddress proxy, DeviceEnrollment enrollment, String prefix, int devices,
                             int eventsPerDevice, double midwayShare, SyncSettings settings, Path work, Duration timeout,
                             Phases phases, PrintStream log) throws Exception {
        Simulation.checkDescriptors(devices);
        Files.createDirectories(work);
        DeviceClock clock = SystemDeviceClock.start();
        List<SimulatedDevice> fleet = new ArrayList<>();
        // One connection per device, as real devices hold: the proxy balances each one's calls over the instances.
        try (SharedChannels toProxy = new SharedChannels(proxy, devices, enrollment.pinnedCertificate())) {
            new ServerWatermarks(toProxy.forDevice(0), proxy).checkReachable(log);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < devices; i++) {
                ids.add(String.format(Locale.ROOT, "%s-%05d", prefix, i + 1));
            }
            enrollment.prepare(ids);
            for (int i = 0; i < devices; i++) {
                String id = ids.get(i);
                SimulatedDevice d = SimulatedDevice.open(id, i, true, eventsPerDevice, work, 17, clock);
                fleet.add(d);
                d.journalBacklog();
                d.connect(enrollment.enroll(id, toProxy.forDevice(i)), settings, clock);
            }
            long total = (long) devices * eventsPerDevice;
            log.printf(Locale.ROOT, "[bench] proxy: %,d devices enrolled through %s, %,d-event backlog each; syncing …%n",
                    devices, proxy, eventsPerDevice);
            phases.syncing();
            long start = System.nanoTime();
            fleet.forEach(d -> d.start(null, 0));
            long deadline = start + timeout.toNanos();
            long ackedAtMidway = -1;
            boolean timedOut = false;
            while (true) {
                long acked = 0;
                for (SimulatedDevice d : fleet) {
                    acked += Math.min(d.acked(), eventsPerDevice);
                }
                if (ackedAtMidway < 0 && acked >= total * midwayShare) {
                    ackedAtMidway = acked;
                    phases.midway(acked);
                }
                if (acked >= total) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    timedOut = true;
                    log.printf(Locale.ROOT, "[bench] proxy: timed out with %,d of %,d events acked%n", acked, total);
                    break;
                }
                Thread.sleep(20); // a harness loop polling the journals' ack marks
            }
            Duration drain = Duration.ofNanos(System.nanoTime() - start);
            if (!timedOut) {
                phases.drained();
            }
            fleet.forEach(SimulatedDevice::stopSyncing);
            ServerWatermarks through = new ServerWatermarks(toProxy.forDevice(0), proxy);
            long losses = 0;
            long beyond = 0;
            long errors = 0;
            for (SimulatedDevice d : fleet) {
                long w = through.watermark(d.id(), d.journaled(), d.link().interceptorArray());
                losses += Math.max(0, eventsPerDevice - w);
                beyond += Math.max(0, w - eventsPerDevice);
                errors += d.errors();
            }
            return new Result(devices, eventsPerDevice, Math.max(0, ackedAtMidway), losses, beyond, errors, timedOut, drain);
        } finally {
            fleet.forEach(SimulatedDevice::close);
        }
    }

    /** Small batches (so an instance stops mid-backlog) and a short heartbeat interval (so idle syncs are measurable). */
    public static SyncSettings settings(Duration heartbeat) {
        return new SyncSettings(100, 4, 200, Duration.ofSeconds(10), Duration.ofSeconds(60), heartbeat,
                Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5));
    }

}
