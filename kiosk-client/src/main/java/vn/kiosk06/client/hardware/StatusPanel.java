package vn.kiosk06.client.hardware;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kiosk06.client.sync.SyncStatus;
import vn.kiosk06.hardware.gpio.Gpio;
import vn.kiosk06.hardware.gpio.LightState;
import vn.kiosk06.hardware.gpio.StatusLight;

/**
 * The device's physical status panel: the light shows green when everything is synced, amber while events wait
 * to sync, red when sync is failing or a card reader is unplugged; the "sync now" button asks for a sync at once.
 *
 * <p>Thread-safe: sync statuses arrive on the sync thread, reader changes on the readers' threads, presses on the
 * GPIO event thread.
 */
public final class StatusPanel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatusPanel.class);

    private final StatusLight light;
    private final ReaderEvents readers;
    private final AutoCloseable subscription;
    private SyncStatus sync;
    private LightState shown;

    /**
     * @param initial the sync status at start
     * @param syncNow what the button does (the sync worker's {@code requestSync})
     */
    public StatusPanel(Gpio gpio, ReaderEvents readers, SyncStatus initial, Runnable syncNow) {
        this.light = gpio.statusLight();
        this.readers = Objects.requireNonNull(readers, "readers");
        this.sync = Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(syncNow, "syncNow");
        gpio.onSyncButton(() -> {
            LOG.info("sync button pressed: syncing now");
            syncNow.run();
        });
        this.subscription = readers.subscribe(u -> {
            if (u instanceof ReaderEvents.Connection) {
                refresh();
            }
        });
        refresh();
    }

    /** Takes a new sync status (register with {@code SyncWorker.onStatus}). */
    public void onSyncStatus(SyncStatus status) {
        synchronized (this) {
            sync = Objects.requireNonNull(status, "status");
        }
        refresh();
    }

    /** What the light shows now. */
    public synchronized LightState state() {
        return shown;
    }

    private synchronized void refresh() {
        boolean connected = readers.allConnected();
        LightState next = LightState.of(connected, sync.state() == SyncStatus.State.OFFLINE, sync.backlog());
        if (next != shown) {
            // Said once per change, so a technician reading the log sees why the light is what it is.
            LOG.info("status light {}: {}", next, !connected ? "a card reader is disconnected"
                    : sync.state() == SyncStatus.State.OFFLINE ? "sync failing (" + brief(sync.lastError().orElse("offline")) + ")"
                    : sync.backlog() > 0 ? sync.backlog() + " events waiting to sync" : "all synced");
            shown = next;
        }
        light.show(next);
    }

    /** The first part of a gRPC error: the full text (with its causes) is in the sync worker's own log line. */
    private static String brief(String error) {
        return error.length() <= 80 ? error : error.substring(0, 80) + "…";
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            // Unsubscribing cannot fail; nothing to do at shutdown anyway.
        }
    }
}
