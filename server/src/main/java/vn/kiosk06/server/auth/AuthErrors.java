package vn.kiosk06.server.auth;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import vn.kiosk06.server.security.AuthException;
import vn.kiosk06.server.security.ForbiddenException;

/** A request outside the caller's role or subtree is a 403; bad user-administration input a 400; both as JSON. */
final class AuthErrors {

    private AuthErrors() {
    }

    @Produces
    @Singleton
    static final class Forbidden implements ExceptionHandler<ForbiddenException, HttpResponse<AuthError>> {
        @Override
        @SuppressWarnings("rawtypes") // the interface's own signature
        public HttpResponse<AuthError> handle(HttpRequest request, ForbiddenException e) {
            return HttpResponse.<AuthError>status(HttpStatus.FORBIDDEN).body(new AuthError(403, e.getMessage()));
        }
    }

    @Produces
    @Singleton
    static final class BadInput implements ExceptionHandler<AuthException, HttpResponse<AuthError>> {
        @Override
        @SuppressWarnings("rawtypes") // the interface's own signature
        public HttpResponse<AuthError> handle(HttpRequest request, AuthException e) {
            return HttpResponse.<AuthError>badRequest().body(new AuthError(400, e.getMessage()));
        }
    }
}
