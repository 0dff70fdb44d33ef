package vn.kiosk06.server.auth;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Named;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import vn.kiosk06.server.audit.AuditLog;
import vn.kiosk06.server.security.Caller;
import vn.kiosk06.server.security.DashboardUser;

/**
 * Log-in and log-out of the dashboard: {@code POST /api/v1/session} with {@code {"name", "password"}} sets the
 * session cookie and returns the user and the CSRF token; {@code GET} returns them for the current session (the
 * dashboard's script reads the token there); {@code DELETE} logs out. A wrong name or password is a 401 and a
 * name locked for this address, or a locked address, a 429 with {@code Retry-After}, each with the same text whichever name was tried.
 */
@Controller(AccessFilter.SESSION_PATH)
@ExecuteOn(TaskExecutors.BLOCKING)
final class SessionController {

    private final LoginService logins;
    private final SessionStore sessions;
    private final AccessFilter filter;
    private final AuditLog audit;
    private final TaskScheduler scheduler;

    SessionController(LoginService logins, SessionStore sessions, AccessFilter filter, AuditLog audit,
                      @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this.logins = logins;
        this.scheduler = scheduler;
        this.sessions = sessions;
        this.filter = filter;
        this.audit = audit;
    }

    /** A log-in attempt. */
    @Serdeable
    record Credentials(String name, String password) {
        @Override
        public String toString() {
            return "Credentials[name=" + name + ", password=…]";
        }
    }

    /** Who is logged in, and the token to send back in {@value AccessFilter#CSRF_HEADER}. */
    @Serdeable
    record SessionView(String name, String role, String unit, String csrfToken) {
        static SessionView of(DashboardUser u, String csrf) {
            return new SessionView(u.name(), u.role().id(), u.unitCode(), csrf);
        }
    }

    /**
     * The answer to a log-in; held back by the throttle's delay for a name under a spread-out attack, on the scheduler
     * rather than in a sleeping thread.
     */
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    CompletableFuture<HttpResponse<?>> login(HttpRequest<?> request, @Body Credentials credentials) {
        char[] password = credentials.password() == null ? new char[0] : credentials.password().toCharArray();
        LoginService.Outcome outcome = logins.login(credentials.name(), password, clientIp(request));
        HttpResponse<?> answer = answer(outcome);
        if (outcome.delay().isZero()) {
            return CompletableFuture.completedFuture(answer);
        }
        CompletableFuture<HttpResponse<?>> later = new CompletableFuture<>();
        scheduler.schedule(outcome.delay(), () -> later.complete(answer));
        return later;
    }

    private HttpResponse<?> answer(LoginService.Outcome outcome) {
        if (outcome instanceof LoginService.LoggedIn in) {
            return HttpResponse.ok(SessionView.of(in.session().user(), in.session().csrfToken()))
                    .cookie(filter.sessionCookie(in.session().id()));
        }
        if (outcome instanceof LoginService.Locked l) {
            return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", Long.toString(l.retryAfterSeconds()))
                    .body(new AuthError(429, "too many failed log-ins for this name or address; try again in "
                            + minutes(l.retryAfterSeconds()), l.retryAfterSeconds()));
        }
        return HttpResponse.status(HttpStatus.UNAUTHORIZED).body(new AuthError(401, "wrong user name or password"));
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    SessionView current(HttpRequest<?> request) {
        Caller caller = Caller.of(request);
        return SessionView.of(caller.user(), caller.csrfToken());
    }

    @Delete(produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> logout(HttpRequest<?> request) {
        Caller caller = Caller.of(request);
        request.getCookies().findCookie(AccessFilter.COOKIE).map(Cookie::getValue).ifPresent(sessions::end);
        audit.record(caller.name(), AuditLog.LOGOUT, caller.name(), "");
        return HttpResponse.noContent().cookie(filter.clearedCookie());
    }

    /** The peer's address. Not X-Forwarded-For: a client could forge it to dodge the per-address throttle. */
    static String clientIp(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }

    private static String minutes(long seconds) {
        long m = (seconds + 59) / 60;
        return m <= 1 ? "1 minute" : m + " minutes";
    }
}
