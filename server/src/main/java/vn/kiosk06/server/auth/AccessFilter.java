package vn.kiosk06.server.auth;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * The one gate of the HTTP port: every request needs a live dashboard session except health, the login page with its
 * assets and the log-in call itself; {@code /prometheus} is open to loopback peers only and otherwise needs an admin
 * session (it names every device). It answers 401 (as JSON; a browser asking for a page is sent to
 * the login page) without a session, 403 for {@code /api/v1/admin/**} to a non-admin, and 403 for a state-changing
 * request (anything but GET, HEAD, OPTIONS) whose {@value #CSRF_HEADER} header is not the session's token or whose
 * {@code Origin} is another site. Subtree checks are the controllers' (they know which unit is asked for), through
 * {@link Caller}. Default deny: a new endpoint is protected without anyone remembering to. Thread-safe.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
public final class AccessFilter {

    /** The session cookie. HttpOnly, SameSite=Strict, Secure unless {@code kiosk06.server.insecure}. */
    public static final String COOKIE = "kiosk06_session";
    /** The header the dashboard's script sends the session's CSRF token in. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String LOGIN_PAGE = "/dashboard/login.html";
    static final String SESSION_PATH = "/api/v1/session";

    /** Exact paths only: a prefix would let "/health/../api/…" through if routing normalized it. */
    private static final Set<String> PUBLIC = Set.of("/", "/dashboard", "/dashboard/", LOGIN_PAGE, "/dashboard/login.js", "/dashboard/i18n.js",
            "/dashboard/dashboard.css", "/health", "/health/liveness", "/health/readiness");
    /**
     * Lists every device id (the backlog series), so outside the subtree scoping: without a session only for a
     * scraper on this host (or a local agent that forwards), else for an admin.
     */
    static final String METRICS_PATH = "/prometheus";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final SessionStore sessions;
    private final AuthConfig config;
    private final boolean insecure;

    AccessFilter(SessionStore sessions, AuthConfig config, @Value("${kiosk06.server.insecure:false}") boolean insecure) {
        this.sessions = sessions;
        this.config = config;
        this.insecure = insecure;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        String path = request.getPath();
        boolean safe = SAFE.contains(request.getMethod());
        if (PUBLIC.contains(path)) {
            return null;
        }
        if (path.equals(METRICS_PATH) && safe && fromLoopback(request)) {
            return null;
        }
        if (!safe && !sameOrigin(request)) {
            return refuse(HttpStatus.FORBIDDEN, "cross-site request refused: Origin " + request.getHeaders().get("Origin")
                    + " is not this server");
        }
        if (path.equals(SESSION_PATH) && request.getMethod() == HttpMethod.POST) {
            return null; // the log-in itself: throttled and audited by LoginService
        }
        Optional<Caller> caller = request.getCookies().findCookie(COOKIE).map(Cookie::getValue).flatMap(sessions::find);
        if (caller.isEmpty()) {
            if (safe && path.startsWith("/dashboard/")) {
                return HttpResponse.seeOther(URI.create(LOGIN_PAGE));
            }
            return refuse(HttpStatus.UNAUTHORIZED, "log in first: no session, or it has ended");
        }
        if (!safe && !tokenMatches(request.getHeaders().get(CSRF_HEADER), caller.get().csrfToken())) {
            return refuse(HttpStatus.FORBIDDEN, "missing or wrong CSRF token (header " + CSRF_HEADER + ")");
        }
        if ((path.startsWith("/api/v1/admin/") || path.equals(METRICS_PATH)) && !caller.get().user().isAdmin()) {
            return refuse(HttpStatus.FORBIDDEN, "only admins may use " + path + "; " + caller.get().name() + " is a "
                    + caller.get().user().role().id());
        }
        request.setAttribute(Caller.ATTRIBUTE, caller.get());
        return null;
    }

    /** Hardening headers on every answer; API answers are never cached (they are per user). */
    @ResponseFilter
    void harden(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header("X-Content-Type-Options", "nosniff");
        response.header("X-Frame-Options", "DENY");
        response.header("Referrer-Policy", "no-referrer");
        if (request.getPath().startsWith("/api/")) {
            response.header("Cache-Control", "no-store");
        }
    }

    /** The session cookie for a new session. */
    Cookie sessionCookie(String id) {
        return Cookie.of(COOKIE, id).path("/").httpOnly(true).secure(!insecure)
                .sameSite(io.micronaut.http.cookie.SameSite.Strict).maxAge(config.sessionMaxAge());
    }

    /** A cookie that clears the session cookie (log-out). */
    Cookie clearedCookie() {
        return Cookie.of(COOKIE, "").path("/").httpOnly(true).secure(!insecure)
                .sameSite(io.micronaut.http.cookie.SameSite.Strict).maxAge(0);
    }

    /**
     * The TCP peer, not a forwarding header a client can write. A reverse proxy on this host makes every request
     * loopback: such a set-up must not forward /prometheus (README, "Health and metrics").
     */
    private static boolean fromLoopback(HttpRequest<?> request) {
        java.net.InetSocketAddress peer = request.getRemoteAddress();
        return peer != null && peer.getAddress() != null && peer.getAddress().isLoopbackAddress();
    }

    /** No Origin (curl, scripts) passes, the CSRF token still guards; a present Origin must name this host. */
    private static boolean sameOrigin(HttpRequest<?> request) {
        String origin = request.getHeaders().get("Origin");
        if (origin == null) {
            return true;
        }
        String host = request.getHeaders().get("Host");
        try {
            URI o = URI.create(origin);
            return host != null && o.getHost() != null && o.getRawAuthority().equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean tokenMatches(@Nullable String sent, String expected) {
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    private static MutableHttpResponse<AuthError> refuse(HttpStatus status, String message) {
        return HttpResponse.<AuthError>status(status).body(new AuthError(status.getCode(), message));
    }
}
