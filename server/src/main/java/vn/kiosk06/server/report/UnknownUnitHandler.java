package vn.kiosk06.server.report;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import vn.kiosk06.server.web.ApiErrors.ApiError;

/** A report, target or device move that names a unit the tree does not hold: a 404 saying which. */
@Produces
@Singleton
final class UnknownUnitHandler implements ExceptionHandler<UnknownUnitException, HttpResponse<ApiError>> {

    @Override
    @SuppressWarnings("rawtypes") // the interface's own signature
    public HttpResponse<ApiError> handle(HttpRequest request, UnknownUnitException e) {
        return HttpResponse.notFound(new ApiError(404, e.getMessage()));
    }
}
