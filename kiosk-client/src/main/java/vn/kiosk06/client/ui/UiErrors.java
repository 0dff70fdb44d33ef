package vn.kiosk06.client.ui;

import jakarta.inject.Singleton;
import vn.kiosk06.client.flow.FlowException;
import vn.kiosk06.client.http.HttpReply;
import vn.kiosk06.client.http.Router;
import vn.kiosk06.client.http.Routes;

/** Turns a refused flow action into 422 {@code {"error": CODE, "detail": …}}; the page translates the code. */
@Singleton
final class UiErrors implements Routes {

    /** A refused action. */
    record Refusal(String error, String detail) {
    }

    @Override
    public void register(Router router) {
        router.onError(FlowException.class, e -> HttpReply.json(422, new Refusal(e.code(), e.getMessage())));
    }
}
