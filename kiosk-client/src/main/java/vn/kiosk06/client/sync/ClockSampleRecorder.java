package vn.kiosk06.client.sync;

import java.util.HexFormat;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kiosk06.client.clock.ClockQuality;
import vn.kiosk06.proto.sync.v1.ClockSample;
import vn.kiosk06.wire.BootId;
import vn.kiosk06.wire.ClockMeasurement;

/**
 * Feeds the clock measurement of each sync handshake ({@link SyncWorker#onClockSample}) to the device's
 * {@link ClockQuality}, so the kiosk and field screens can warn while the clock is untrusted.
 *
 * <p>A sample that does not make a valid measurement (the wall clock stepped back while the handshake was in
 * flight, say) is skipped with one log line: it says nothing about the clock, and the sync goes on. Thread-safe;
 * the sync worker calls it on its own thread.
 */
public final class ClockSampleRecorder implements Consumer<ClockSample> {

    private static final Logger LOG = LoggerFactory.getLogger(ClockSampleRecorder.class);

    private final String deviceId;
    private final ClockQuality quality;

    /** Records the samples of device {@code deviceId} (this device) in {@code quality}. */
    public ClockSampleRecorder(String deviceId, ClockQuality quality) {
        ClockMeasurement.requireDeviceId(deviceId);
        if (quality == null) {
            throw new IllegalArgumentException("quality must be set, was null");
        }
        this.deviceId = deviceId;
        this.quality = quality;
    }

    @Override
    public void accept(ClockSample sample) {
        try {
            quality.record(measurement(deviceId, sample));
        } catch (IllegalArgumentException invalid) {
            LOG.warn("Clock measurement of this handshake not used: {}", invalid.getMessage());
        }
    }

    /**
     * The measurement a sample of device {@code deviceId} carries.
     *
     * @throws IllegalArgumentException if its boot id is not 16 bytes or its timestamps are inconsistent
     */
    static ClockMeasurement measurement(String deviceId, ClockSample s) {
        if (s.getBootId().size() != 16) {
            throw new IllegalArgumentException("clock sample boot id must be 16 bytes, was " + s.getBootId().size());
        }
        return new ClockMeasurement(deviceId, BootId.parse(HexFormat.of().formatHex(s.getBootId().toByteArray())),
                s.getMonotonicNanos(), s.getDeviceSendTimeMs(), s.getServerReceiveTimeMs(),
                s.getServerTransmitTimeMs(), s.getDeviceReceiveTimeMs(), s.getOsClockSynchronized());
    }
}
