package vn.kiosk06.client.journal;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kiosk06.client.clock.DeviceClock;
import vn.kiosk06.client.sync.SyncWorker;
import vn.kiosk06.proto.sync.v1.DeviceHeartbeat;
import vn.kiosk06.proto.sync.v1.Event;

/**
 * Tells the server how the device's storage stands, so a technician hears of a filling card days before the device
 * refuses events: a heartbeat (backlog, free disk) every hour from start, and at once when the storage state worsens
 * (OK → LOW, LOW → FULL). A heartbeat while FULL is itself refused; the one sent when LOW already reached the server.
 * None in the first hour while all is well, so a short run (a test, a demo) journals only what it did.
 *
 * <p>Runs on Micronaut's scheduler thread only.
 */
@Singleton
final class StorageWatch {

    private static final Logger LOG = LoggerFactory.getLogger(StorageWatch.class);
    static final Duration EVERY = Duration.ofHours(1);

    private final Journal journal;
    private final String appVersion;
    private final DeviceClock clock;
    private JournalSpace.State reported = JournalSpace.State.OK;
    private long lastSentNanos;

    StorageWatch(Journal journal, SyncWorker sync, DeviceClock clock) {
        this(journal, sync.appVersion(), clock);
    }

    StorageWatch(Journal journal, String appVersion, DeviceClock clock) {
        this.journal = journal;
        this.appVersion = appVersion;
        this.clock = clock;
        this.lastSentNanos = clock.monotonicNanos();
    }

    @Scheduled(initialDelay = "5m", fixedDelay = "5m")
    void check() {
        JournalSpace space = journal.space();
        JournalSpace.State state = space.state();
        long now = clock.monotonicNanos();
        boolean worse = state.compareTo(reported) > 0;
        boolean due = now - lastSentNanos >= EVERY.toNanos();
        if (state != reported && state != JournalSpace.State.OK) {
            LOG.warn("Device storage {}: {}", state, space.message().orElse(""));
        }
        reported = state;
        if (!worse && !due) {
            return;
        }
        try {
            journal.append(Event.newBuilder().setHeartbeat(DeviceHeartbeat.newBuilder().setAppVersion(appVersion)
                    .setBacklog(journal.backlog()).setFreeDiskBytes(space.freeBytes())).build());
            lastSentNanos = now;
        } catch (JournalException e) {
            LOG.warn("Heartbeat not journaled: {}", e.getMessage());
        }
    }
}
