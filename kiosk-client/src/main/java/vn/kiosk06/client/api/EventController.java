package vn.kiosk06.client.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import vn.kiosk06.client.clock.ClockAssessment;
import vn.kiosk06.client.clock.ClockQuality;
import java.util.List;
import java.util.Locale;
import vn.kiosk06.client.config.ClientConfig;
import vn.kiosk06.client.hardware.ReaderEvents;
import vn.kiosk06.client.hardware.TicketService;
import vn.kiosk06.client.journal.InvalidEventException;
import vn.kiosk06.client.journal.Journal;
import vn.kiosk06.client.journal.JournalException;
import vn.kiosk06.client.journal.JournalFullException;
import vn.kiosk06.client.sync.SyncStatus;
import vn.kiosk06.client.sync.SyncWorker;
import vn.kiosk06.hardware.gpio.Gpio;
import vn.kiosk06.proto.sync.v1.Event;

/**
 * The device's local API, used by its touchscreen UI. {@code POST /api/v1/events} takes one event as the
 * protobuf JSON mapping of its payload, e.g. {@code {"reception": {"caseType": "BHYT", "department": "NOI"}}},
 * and answers with its seq only once the event is durable on disk.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
final class EventController {

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
    @Serdeable
    record Appended(long seq) {
    }

    /** The answer to a refused request. */
    @Serdeable
    record Problem(String error) {
    }

    /**
     * What the status bar shows; {@code clock} drives the clock warning, {@code readers}/{@code printer}/{@code gpio}
     * the device panel ({@code gpio} is "on" with real pins, "off" on a machine that is not a Pi or with gpio: off).
     */
    @Serdeable
    record StatusView(String deviceId, String state, long backlog, long lastSeq, long ackedThrough, String lastSync,
                      String offlineSince, String lastError, long quarantined, ClockView clock,
                      @JsonInclude(JsonInclude.Include.ALWAYS) List<ReaderView> readers, PrinterView printer,
                      String gpio, JournalView journal) {
    }

    /**
     * How full the journal is, for the early warning (the screens warn at 80 %) and the "sync the device" message.
     *
     * @param usedBytes disk the journal uses now
     * @param maxBytes  its configured limit; at it, new events are refused until the device syncs
     */
    @Serdeable
    record JournalView(long usedBytes, long maxBytes) {
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
    @Serdeable
    record ReaderView(String kind, String path, boolean connected, long readsOk, long readsFailed) {
    }

    /**
     * The ticket printer.
     *
     * @param configured whether the config names one
     * @param path       its serial port, null if none
     * @param lastResult "printed" or "printer unavailable: …" for the last ticket since start, null before any
     */
    @Serdeable
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
    @Serdeable
    record ClockView(boolean trusted, String reason, Long offsetMs) {
    }

    @Post(value = "/events", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> append(@Body String json) {
        Event.Builder event = Event.newBuilder();
        try {
            JsonFormat.parser().merge(json, event);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            return HttpResponse.badRequest(new Problem("not a valid event: " + e.getMessage()));
        }
        try {
            long seq = journal.append(event.build());
            return HttpResponse.created(new Appended(seq));
        } catch (InvalidEventException e) {
            return HttpResponse.badRequest(new Problem(e.getMessage()));
        } catch (JournalFullException e) {
            return HttpResponse.status(HttpStatus.INSUFFICIENT_STORAGE).body(new Problem(e.getMessage()));
        } catch (JournalException e) {
            return HttpResponse.serverError(new Problem(e.getMessage()));
        }
    }

    @Get(value = "/status", produces = MediaType.APPLICATION_JSON)
    StatusView status() {
        SyncStatus s = sync.status();
        return new StatusView(config.deviceId(), s.state().name(), s.backlog(), s.lastSeq(), s.ackedThrough(),
                s.lastSync().map(Object::toString).orElse(null), s.offlineSince().map(Object::toString).orElse(null),
                s.lastError().orElse(null), s.quarantined(), clock(),
                readers.readers().stream().map(r -> new ReaderView(r.profile().name().toLowerCase(Locale.ROOT), r.path(),
                        r.connected(), r.readsOk(), r.readsFailed())).toList(),
                new PrinterView(tickets.configured(), tickets.path().orElse(null),
                        tickets.lastResult().map(Object::toString).orElse(null)),
                gpio.isReal() ? "on" : "off", new JournalView(journal.usedBytes(), config.journalMaxBytes()));
    }

    private ClockView clock() {
        ClockAssessment a = clockQuality.assess();
        return new ClockView(a.trusted(), a.reason(),
                clockQuality.latestMeasurement().map(m -> m.offset().toMillis()).orElse(null));
    }

    @Post(value = "/sync", produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> syncNow() {
        sync.requestSync();
        return HttpResponse.accepted();
    }
}
