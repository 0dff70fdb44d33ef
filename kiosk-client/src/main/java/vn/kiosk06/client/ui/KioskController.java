package vn.kiosk06.client.ui;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import vn.kiosk06.client.flow.KioskFlow;
import vn.kiosk06.client.flow.KioskState;

/**
 * The kiosk page's API: {@code GET /api/v1/kiosk} is the current screen; each POST is one touch on it and answers
 * with the new screen. A refused action answers 422 with {@code {"error": CODE}} (see {@link UiErrors}).
 * Blocking executor: an action may wait for the journal's disk commit.
 */
@Controller("/api/v1/kiosk")
@ExecuteOn(TaskExecutors.BLOCKING)
final class KioskController {

    private final KioskFlow flow;

    KioskController(KioskFlow flow) {
        this.flow = flow;
    }

    /** A typed BHYT number. */
    @Serdeable
    record BhytEntry(@Nullable String number) {
    }

    /** A department choice. */
    @Serdeable
    record DepartmentChoice(@Nullable String code) {
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    KioskState state() {
        return flow.state();
    }

    @Post("/touch")
    HttpResponse<KioskState> touch() {
        flow.touch();
        return HttpResponse.ok(flow.state());
    }

    @Post("/bhyt-entry")
    KioskState bhytEntry() {
        flow.startBhytEntry();
        return flow.state();
    }

    @Post(value = "/bhyt", consumes = MediaType.APPLICATION_JSON)
    KioskState bhyt(@Body BhytEntry entry) {
        flow.submitBhyt(entry.number() == null ? "" : entry.number());
        return flow.state();
    }

    @Post("/fee-path")
    KioskState feePath() {
        flow.chooseFeePath();
        return flow.state();
    }

    @Post(value = "/department", consumes = MediaType.APPLICATION_JSON)
    KioskState department(@Body DepartmentChoice choice) {
        flow.chooseDepartment(choice.code() == null ? "" : choice.code());
        return flow.state();
    }

    @Post("/cancel")
    KioskState cancel() {
        flow.cancel();
        return flow.state();
    }

    @Post("/staff-confirm")
    KioskState staffConfirm() {
        flow.staffConfirm();
        return flow.state();
    }

    @Post("/done")
    KioskState done() {
        flow.finish();
        return flow.state();
    }
}
