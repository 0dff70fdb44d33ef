package vn.kiosk06.client.api;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import vn.kiosk06.client.clock.ClockAssessment;
import vn.kiosk06.client.clock.ClockQuality;
import java.util.List;
import java.util.Locale;
import jakarta.inject.Singleton;
import vn.kiosk06.client.config.ClientConfig;
import vn.kiosk06.client.http.HttpCall;
import vn.kiosk06.client.http.HttpReply;
import vn.kiosk06.client.http.Json;
import vn.kiosk06.client.http.Router;
import vn.kiosk06.client.http.Routes;
import vn.kiosk06.client.hardware.ReaderEvents;
import vn.kiosk06.client.hardware.TicketService;
import vn.kiosk06.client.journal.InvalidEventException;
import vn.kiosk06.client.journal.Journal;
import vn.kiosk06.client.journal.JournalException;
import vn.kiosk06.client.journal.JournalFullException;
import vn.kiosk06.client.journal.JournalSalvage;
import vn.kiosk06.client.journal.JournalSpace;
import vn.kiosk06.client.sync.SyncStatus;
import vn.kiosk06.client.sync.SyncWorker;
import vn.kiosk06.hardware.gpio.Gpio;
import vn.kiosk06.proto.sync.v1.Event;

/**
 * The device's local API, used by its touchscreen UI. {@code POST /api/v1/events} takes one event as the
 * protobuf JSON mapping of its payload, e.g. {@code {"reception": {"caseType": "BHYT", "department": "NOI"}}},
 * and answers with its seq only once the event is durable on disk.
 */
@Singleton
final class EventController implements Routes {

    private final Journal journal;
    private final SyncWorker sync;
    private final ClientConfig config;
    private final ClockQuality clockQuality;
    private final ReaderEvents readers;
    private final TicketService tickets;
    private final Gpio gpio;

    EventController(Journal journal, SyncWorker sync, ClientConfig config, ClockQuality clockQuality,
                    ReaderEvents readers, TicketService tickets, Gpio gpio) {
        this.journal = journal;
        this.sync = sync;
        this.config = config;
        this.clockQuality = clockQuality;
        this.readers = readers;
        this.tickets = tickets;
        this.gpio = gpio;
    }

    /** The answer to an accepted event. */
    record Appended(long seq) {
    }

    /** The answer to a refused request. */
    record Problem(String error) {
    }

    /**
     * The answer (507) to an event refused for want of space: nothing was dropped.
     *
     * @param error   what happened, with the free space and the reserve
     * @param backlog events waiting for the server
     * @param action  what the person at the device can do
     */
    record StorageFull(String error, long backlog, String action) {
    }

    /**
     * What the status bar shows; {@code clock} drives the clock warning, {@code readers}/{@code printer}/{@code gpio}
     * the device panel ({@code gpio} is "on" with real pins, "off" on a machine that is not a Pi or with gpio: off).
     */
    record StatusView(String deviceId, String state, long backlog, long lastSeq, long ackedThrough, String lastSync,
                      String offlineSince, String lastError, long quarantined, ClockView clock,
                      @Json.Always List<ReaderView> readers, PrinterView printer,
                      String gpio, StorageView storage) {
    }

    /**
     * The journal's room, for the storage warning ({@code state} LOW from 80 % of the journal's limit or below
     * four times the free-space reserve) and the full message ({@code state} FULL: new events are refused).
     *
     * @param state          OK, LOW or FULL
     * @param message        a sentence to show when not OK, null when OK
     * @param journalPercent the journal's use of its limit, 0–100
     * @param journalBytes   disk the journal uses
     * @param journalMaxBytes the journal's limit
     * @param freeBytes      free disk on the journal's filesystem
     * @param minFreeBytes   the reserve kept for the system: below it new events are refused
     * @param salvage        null, or what happened at start when the journal was found damaged (for a technician)
     */
    record StorageView(String state, String message, int journalPercent, long journalBytes, long journalMaxBytes,
                       long freeBytes, long minFreeBytes, String salvage) {

        static StorageView of(Journal journal) {
            JournalSpace space = journal.space();
            return new StorageView(space.state().name(), space.message().orElse(null), space.journalPercent(),
                    space.journalBytes(), space.maxBytes(), space.freeBytes(), space.minFreeBytes(),
                    journal.salvaged().map(JournalSalvage::describe).orElse(null));
        }
    }

    /**
     * A configured card reader.
     *
     * @param kind        qr or chip
     * @param path        its serial port
     * @param connected   whether the port is open now
     * @param readsOk     successful reads since start
     * @param readsFailed failed reads since start
     */
    record ReaderView(String kind, String path, boolean connected, long readsOk, long readsFailed) {
    }

    /**
     * The ticket printer.
     *
     * @param configured whether the config names one
     * @param path       its serial port, null if none
     * @param lastResult "printed" or "printer unavailable: …" for the last ticket since start, null before any
     */
    record PrinterView(boolean configured, String path, String lastResult) {
    }

    /**
     * The device's clock as the screens show it: untrusted means "show the clock warning".
     *
     * @param trusted  whether the clock can be taken at its word
     * @param reason   why, in a sentence a field worker can act on ("clock 3 days fast (checked …)")
     * @param offsetMs server time minus device time at the latest measurement of this boot, ms (negative: the
     *                 device is fast); null until the device has reached the server in this boot
     */
    record ClockView(boolean trusted, String reason, Long offsetMs) {
    }

    @Override
    public void register(Router router) {
        router.post("/api/v1/events", call -> append(call.body()))
                .get("/api/v1/status", call -> HttpReply.ok(status()))
                .post("/api/v1/sync", this::syncNow);
    }

    HttpReply append(String json) {
        Event.Builder event = Event.newBuilder();
        try {
            JsonFormat.parser().merge(json, event);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            return HttpReply.json(400, new Problem("not a valid event: " + e.getMessage()));
        }
        try {
            long seq = journal.append(event.build());
            return HttpReply.json(201, new Appended(seq));
        } catch (InvalidEventException e) {
            return HttpReply.json(400, new Problem(e.getMessage()));
        } catch (JournalFullException e) {
            return HttpReply.json(507, new StorageFull(e.getMessage(),
                    journal.backlog(), "Nothing already saved is lost. Connect the device so it can sync with the "
                    + "server, then try again; if it stays full, ask a technician to free space on the SD card."));
        } catch (JournalException e) {
            return HttpReply.json(500, new Problem(e.getMessage()));
        }
    }

    StatusView status() {
        SyncStatus s = sync.status();
        return new StatusView(config.deviceId(), s.state().name(), s.backlog(), s.lastSeq(), s.ackedThrough(),
                s.lastSync().map(Object::toString).orElse(null), s.offlineSince().map(Object::toString).orElse(null),
                s.lastError().orElse(null), s.quarantined(), clock(),
                readers.readers().stream().map(r -> new ReaderView(r.profile().name().toLowerCase(Locale.ROOT), r.path(),
                        r.connected(), r.readsOk(), r.readsFailed())).toList(),
                new PrinterView(tickets.configured(), tickets.path().orElse(null),
                        tickets.lastResult().map(Object::toString).orElse(null)),
                gpio.isReal() ? "on" : "off", StorageView.of(journal));
    }

    private ClockView clock() {
        ClockAssessment a = clockQuality.assess();
        return new ClockView(a.trusted(), a.reason(),
                clockQuality.latestMeasurement().map(m -> m.offset().toMillis()).orElse(null));
    }

    private HttpReply syncNow(HttpCall call) {
        sync.requestSync();
        return HttpReply.empty(202);
    }
}
