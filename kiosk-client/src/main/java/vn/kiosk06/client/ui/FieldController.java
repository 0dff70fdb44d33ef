package vn.kiosk06.client.ui;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import vn.kiosk06.client.flow.FieldFlow;
import vn.kiosk06.client.flow.FieldState;

/**
 * The handheld page's API: {@code GET /api/v1/field} is the current screen, {@code GET /api/v1/field/summary} the
 * on-device counts; each POST is one action and answers with the new screen. Refusals answer 422 {@code {"error"}}.
 */
@Controller("/api/v1/field")
@ExecuteOn(TaskExecutors.BLOCKING)
final class FieldController {

    private final FieldFlow flow;

    FieldController(FieldFlow flow) {
        this.flow = flow;
    }

    /** The shift's team and area. */
    @Serdeable
    record Shift(@Nullable String team, @Nullable String area) {
    }

    /** A citizen without a card. */
    @Serdeable
    record NoCard(int birthYear, @Nullable String sex) {
    }

    /** The ticked activities. */
    @Serdeable
    record Done(@Nullable List<String> activities) {
    }

    /** Whether the summary is shown. */
    @Serdeable
    record SummaryShown(boolean shown) {
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    FieldState state() {
        return flow.state();
    }

    @Get(value = "/summary", produces = MediaType.APPLICATION_JSON)
    FieldState.Summary summary() {
        return flow.summary();
    }

    @Post(value = "/shift", consumes = MediaType.APPLICATION_JSON)
    FieldState shift(@Body Shift shift) {
        flow.startShift(String.valueOf(shift.team()), String.valueOf(shift.area()));
        return flow.state();
    }

    @Post("/end-shift")
    FieldState endShift() {
        flow.endShift();
        return flow.state();
    }

    @Post(value = "/no-card", consumes = MediaType.APPLICATION_JSON)
    FieldState noCard(@Body NoCard entry) {
        flow.noCard(entry.birthYear(), String.valueOf(entry.sex()));
        return flow.state();
    }

    @Post(value = "/save", consumes = MediaType.APPLICATION_JSON)
    FieldState save(@Body Done done) {
        flow.save(FieldFlow.parseActivities(done.activities() == null ? List.of() : done.activities()));
        return flow.state();
    }

    /** A record to void. */
    @Serdeable
    record VoidRequest(long seq) {
    }

    @Post(value = "/void", consumes = MediaType.APPLICATION_JSON)
    FieldState voidRecord(@Body VoidRequest request) {
        flow.voidRecord(request.seq());
        return flow.state();
    }

    @Post("/clear")
    FieldState clear() {
        flow.clearCitizen();
        return flow.state();
    }

    @Post(value = "/summary", consumes = MediaType.APPLICATION_JSON)
    FieldState showSummary(@Body SummaryShown shown) {
        flow.showSummary(shown.shown());
        return flow.state();
    }
}
