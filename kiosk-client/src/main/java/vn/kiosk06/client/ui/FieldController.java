package vn.kiosk06.client.ui;

import jakarta.inject.Singleton;
import java.util.List;
import vn.kiosk06.client.flow.FieldFlow;
import vn.kiosk06.client.http.HttpReply;
import vn.kiosk06.client.http.Router;
import vn.kiosk06.client.http.Routes;

/**
 * The handheld page's API: {@code GET /api/v1/field} is the current screen, {@code GET /api/v1/field/summary} the
 * on-device counts; each POST is one action and answers with the new screen. Refusals answer 422 {@code {"error"}}.
 */
@Singleton
final class FieldController implements Routes {

    private static final String BASE = "/api/v1/field";

    private final FieldFlow flow;

    FieldController(FieldFlow flow) {
        this.flow = flow;
    }

    /** The shift's team and area. */
    record Shift(String team, String area) {
    }

    /** A citizen without a card. */
    record NoCard(int birthYear, String sex) {
    }

    /** The ticked activities. */
    record Done(List<String> activities) {
    }

    /** Whether the summary is shown. */
    record SummaryShown(boolean shown) {
    }

    /** A record to void. */
    record VoidRequest(long seq) {
    }

    @Override
    public void register(Router router) {
        router.get(BASE, call -> state())
                .get(BASE + "/summary", call -> HttpReply.ok(flow.summary()))
                .post(BASE + "/shift", call -> {
                    Shift shift = call.body(Shift.class);
                    return act(() -> flow.startShift(String.valueOf(shift.team()), String.valueOf(shift.area())));
                })
                .post(BASE + "/end-shift", call -> act(flow::endShift))
                .post(BASE + "/no-card", call -> {
                    NoCard entry = call.body(NoCard.class);
                    return act(() -> flow.noCard(entry.birthYear(), String.valueOf(entry.sex())));
                })
                .post(BASE + "/save", call -> {
                    Done done = call.body(Done.class);
                    return act(() -> flow.save(FieldFlow.parseActivities(
                            done.activities() == null ? List.of() : done.activities())));
                })
                .post(BASE + "/void", call -> {
                    VoidRequest request = call.body(VoidRequest.class);
                    return act(() -> flow.voidRecord(request.seq()));
                })
                .post(BASE + "/clear", call -> act(flow::clearCitizen))
                .post(BASE + "/summary", call -> {
                    SummaryShown shown = call.body(SummaryShown.class);
                    return act(() -> flow.showSummary(shown.shown()));
                });
    }

    private HttpReply state() {
        return HttpReply.ok(flow.state());
    }

    private HttpReply act(Runnable action) {
        action.run();
        return state();
    }
}
