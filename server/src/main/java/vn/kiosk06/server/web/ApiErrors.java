package vn.kiosk06.server.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.format.DateTimeParseException;

/**
 * Typed exception handlers the whole REST API shares: bad input is a 400 with the reason. A feature's own exceptions
 * have their handlers beside them (an unknown unit: {@code report.UnknownUnitHandler}), answering with the same
 * {@link ApiError} body.
 */
public final class ApiErrors {

    private ApiErrors() {
    }

    /** The error body: what was wrong. */
    @Serdeable
    public record ApiError(int status, String error) {
    }

    /** Bad period specs, bad org-unit edits, bad enum names: the message says what was wrong. */
    @Produces
    @Singleton
    @Requires(classes = IllegalArgumentException.class)
    static final class BadInput implements ExceptionHandler<IllegalArgumentException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, IllegalArgumentException e) {
            return HttpResponse.badRequest(new ApiError(400, e.getMessage()));
        }
    }

    @Produces
    @Singleton
    static final class BadDate implements ExceptionHandler<DateTimeParseException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, DateTimeParseException e) {
            return HttpResponse.badRequest(new ApiError(400, "not a yyyy-MM-dd date: " + e.getParsedString()));
        }
    }
}
