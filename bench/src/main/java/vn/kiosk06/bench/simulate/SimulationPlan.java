package vn.kiosk06.bench.simulate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import vn.kiosk06.client.sync.SyncSettings;

/**
 * What one simulation runs: how many devices, how many events each, against which server, how many of them start
 * with their whole backlog journaled (as if they had been offline), and how the rest spread their events in time.
 *
 * @param devices          simulated devices, each with its own journal file and sync worker
 * @param eventsPerDevice  events each device journals (the server must end up holding exactly devices × this)
 * @param target           the server's gRPC address
 * @param offlineFraction  share of devices (0–1) that journal their whole backlog before connecting
 * @param seed             seed of the event generators and pacing; the same seed gives the same events
 * @param spread           over how long the online devices journal their events while syncing
 * @param ramp             over how long the devices come online, evenly (zero: all in the same instant)
 * @param channels         gRPC connections the devices share (each a ManagedChannel)
 * @param timeout          give up waiting for the acks after this long
 * @param workDir          where the journals go; empty for a new temporary directory, deleted after the run
 * @param deviceIdPrefix   prefix of every device id; the run's own, so a second run on the same server does
 *                         not meet the first run's devices
 * @param syncInterval     how often a device syncs when nothing new happens (a heartbeat with a clock sample); a
 *                         device's default is one minute
 */
public record SimulationPlan(int devices, int eventsPerDevice, TargetAddress target, double offlineFraction, long seed,
                             Duration spread, Duration ramp, int channels, Duration timeout, Optional<Path> workDir,
                             String deviceIdPrefix, Duration syncInterval) {

    /** With a device's default sync interval. */
    public SimulationPlan(int devices, int eventsPerDevice, TargetAddress target, double offlineFraction, long seed,
                          Duration spread, Duration ramp, int channels, Duration timeout, Optional<Path> workDir,
                          String deviceIdPrefix) {
        this(devices, eventsPerDevice, target, offlineFraction, seed, spread, ramp, channels, timeout, workDir,
                deviceIdPrefix, SyncSettings.defaults().interval());
    }

    public SimulationPlan {
        if (devices < 1) {
            throw new IllegalArgumentException("--devices must be ≥ 1, was " + devices);
        }
        if (eventsPerDevice < 1) {
            throw new IllegalArgumentException("--events-per-device must be ≥ 1, was " + eventsPerDevice);
        }
        if (!(offlineFraction >= 0 && offlineFraction <= 1)) {
            throw new IllegalArgumentException("--offline-fraction must be between 0 and 1, was " + offlineFraction);
        }
        if (spread.isNegative()) {
            throw new IllegalArgumentException("--spread must be ≥ 0 s, was " + spread.toSeconds() + " s");
        }
        if (ramp.isNegative()) {
            throw new IllegalArgumentException("--ramp must be ≥ 0 s, was " + ramp.toSeconds() + " s");
        }
        if (channels < 1 || channels > 64) {
            throw new IllegalArgumentException("--channels must be 1–64, was " + channels);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("--timeout must be > 0 s, was " + timeout.toSeconds() + " s");
        }
        if (syncInterval.toMillis() < 100) {
            throw new IllegalArgumentException("--sync-interval must be ≥ 0.1 s, was " + syncInterval.toMillis() + " ms");
        }
        if (deviceIdPrefix.isBlank()) {
            throw new IllegalArgumentException("the device id prefix must not be blank");
        }
    }

    /** How many devices start with their backlog journaled: the first {@code round(devices × fraction)}. */
    public int offlineDevices() {
        return (int) Math.round(devices * offlineFraction);
    }

    /** The devices' sync settings: a device's defaults, with this plan's interval. */
    public SyncSettings syncSettings() {
        SyncSettings d = SyncSettings.defaults();
        return new SyncSettings(d.batchEvents(), d.maxInflightBatches(), d.maxBatchesPerCall(), d.handshakeDeadline(),
                d.uploadDeadline(), syncInterval, d.linger(), d.backoffBase(), d.backoffCap());
    }

    /** Events every device together journals: what the server must hold at the end. */
    public long totalEvents() {
        return (long) devices * eventsPerDevice;
    }
}
