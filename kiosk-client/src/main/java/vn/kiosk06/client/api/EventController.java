package vn.kiosk06.client.api;

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
import vn.kiosk06.client.config.ClientConfig;
import vn.kiosk06.client.journal.InvalidEventException;
import vn.kiosk06.client.journal.Journal;
import vn.kiosk06.client.journal.JournalException;
import vn.kiosk06.client.journal.JournalFullException;
import vn.kiosk06.client.sync.SyncStatus;
import vn.kiosk06.client.sync.SyncWorker;
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

    EventController(Journal journal, SyncWorker sync, ClientConfig config, ClockQuality clockQuality) {
        this.journal = journal;
        this.sync = sync;
        this.config = config;
        this.clockQuality = clockQuality;
    }

    /** The answer to an accepted event. */
    @Serdeable
    record Appended(long seq) {
    }

    /** The answer to a refused request. */
    @Serdeable
    record Problem(String error) {
    }

    /** What the status bar shows; {@code clock} drives the clock warning. */
    @Serdeable
    record StatusView(String deviceId, String state, long backlog, long lastSeq, long ackedThrough, String lastSync,
                      String offlineSince, String lastError, long quarantined, ClockView clock) {
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
                s.lastError().orElse(null), s.quarantined(), clock());
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
