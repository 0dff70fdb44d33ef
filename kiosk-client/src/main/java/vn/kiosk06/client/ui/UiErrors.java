package vn.kiosk06.client.ui;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import vn.kiosk06.client.flow.FlowException;

/** Turns a refused flow action into 422 {@code {"error": CODE, "detail": …}}; the page translates the code. */
@Produces
@Singleton
final class UiErrors implements ExceptionHandler<FlowException, HttpResponse<UiErrors.Refusal>> {

    /** A refused action. */
    @Serdeable
    record Refusal(String error, String detail) {
    }

    @Override
    public HttpResponse<Refusal> handle(HttpRequest request, FlowException e) {
        return HttpResponse.<Refusal>status(HttpStatus.UNPROCESSABLE_ENTITY).body(new Refusal(e.code(), e.getMessage()));
    }
}
