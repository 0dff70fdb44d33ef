package vn.kiosk06.server.api;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.format.DateTimeParseException;
import vn.kiosk06.server.report.UnknownUnitException;

/** Typed exception handlers of the REST API: bad input is a 400, an unknown unit a 404, each with the reason. */
final class ApiErrors {

    private ApiErrors() {
    }

    /** The error body: what was wrong. */
    @Serdeable
    record ApiError(int status, String error) {
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

    @Produces
    @Singleton
    static final class UnknownUnit implements ExceptionHandler<UnknownUnitException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, UnknownUnitException e) {
            return HttpResponse.notFound(new ApiError(404, e.getMessage()));
        }
    }
}
