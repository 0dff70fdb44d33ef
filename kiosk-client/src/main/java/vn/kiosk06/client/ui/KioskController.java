package vn.kiosk06.client.ui;

import jakarta.inject.Singleton;
import vn.kiosk06.client.flow.KioskFlow;
import vn.kiosk06.client.http.HttpReply;
import vn.kiosk06.client.http.Router;
import vn.kiosk06.client.http.Routes;

/**
 * The kiosk page's API: {@code GET /api/v1/kiosk} is the current screen; each POST is one touch on it and answers
 * with the new screen. A refused action answers 422 with {@code {"error": CODE}} (see {@link UiErrors}).
 * Handlers run on the HTTP server's worker threads: an action may wait for the journal's disk commit.
 */
@Singleton
final class KioskController implements Routes {

    private static final String BASE = "/api/v1/kiosk";

    private final KioskFlow flow;

    KioskController(KioskFlow flow) {
        this.flow = flow;
    }

    /** A typed BHYT number. */
    record BhytEntry(String number) {
    }

    /** A department choice. */
    record DepartmentChoice(String code) {
    }

    @Override
    public void register(Router router) {
        router.get(BASE, call -> state())
                .post(BASE + "/touch", call -> act(flow::touch))
                .post(BASE + "/bhyt-entry", call -> act(flow::startBhytEntry))
                .post(BASE + "/bhyt", call -> {
                    BhytEntry entry = call.body(BhytEntry.class);
                    return act(() -> flow.submitBhyt(entry.number() == null ? "" : entry.number()));
                })
                .post(BASE + "/fee-path", call -> act(flow::chooseFeePath))
                .post(BASE + "/department", call -> {
                    DepartmentChoice choice = call.body(DepartmentChoice.class);
                    return act(() -> flow.chooseDepartment(choice.code() == null ? "" : choice.code()));
                })
                .post(BASE + "/cancel", call -> act(flow::cancel))
                .post(BASE + "/staff-confirm", call -> act(flow::staffConfirm))
                .post(BASE + "/done", call -> act(flow::finish));
    }

    private HttpReply state() {
        return HttpReply.ok(flow.state());
    }

    private HttpReply act(Runnable action) {
        action.run();
        return state();
    }
}
