package vn.kiosk06.server.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kiosk06.server.logging.ErrorId;

/**
 * The last resort of the HTTP port: any exception no typed handler claims becomes a 500 whose body says only
 * "internal error" with an {@link ErrorId}; the log line has the id, the request and the stack trace. Micronaut's
 * default answer would show the exception's message, with class names and file paths in it. Thread-safe.
 */
@Produces
@Singleton
final class InternalErrorHandler implements ExceptionHandler<Exception, HttpResponse<ApiErrors.ApiError>> {

    private static final Logger LOG = LoggerFactory.getLogger(InternalErrorHandler.class);

    @Override
    @SuppressWarnings("rawtypes") // the interface's own signature
    public HttpResponse<ApiErrors.ApiError> handle(HttpRequest request, Exception e) {
        ErrorId id = ErrorId.next();
        LOG.error("Internal error {} answering {} {}", id, request.getMethod(), request.getPath(), e);
        return HttpResponse.serverError(new ApiErrors.ApiError(500, id.answer()));
    }
}
