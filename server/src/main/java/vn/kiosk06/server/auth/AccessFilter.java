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
import vn.kiosk06.server.security.Caller;

/**
 * The one gate of the HTTP port: every request needs a live dashboard session except health, the login page with its
 * assets and the log-in call itself; {@code /prometheus} needs the scrape token ({@code Authorization: Bearer}) when
 * one is configured, else it is open to loopback peers; otherwise it needs an admin session (it names every device).
 * It answers 401 (as JSON; a browser asking for a page is sent to the login page) without a session, 403 for
 * {@code /api/v1/admin/**} to a non-admin, and 403 for a state-changing request (anything but GET, HEAD, OPTIONS)
 * whose {@value #CSRF_HEADER} header is not the session's token or whose {@code Origin} is another origin (scheme,
 * host and port). Every answer, a refusal too, carries the hardening headers (CSP, HSTS over HTTPS, nosniff …).
 * Subtree checks are the controllers' (they know which unit is asked for), through {@link Caller}. Default deny: a new endpoint is protected without anyone remembering to. Thread-safe.
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
     * scraper with the scrape token or, when none is configured, on this host; else for an admin.
     */
    static final String METRICS_PATH = "/prometheus";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    /**
     * Scripts, styles and everything else from this server only (the dashboard ships its own files and has no inline
     * script or style); {@code data:} images for the enrollment QR code; no framing, plugins or foreign form targets.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";
    /** A year; not includeSubDomains: other hosts of the same domain are not ours to force onto HTTPS. */
    static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000";

    private final SessionStore sessions;
    private final AuthConfig config;
    private final boolean insecure;
    private final Optional<ScrapeToken> scrapeToken;

    AccessFilter(SessionStore sessions, AuthConfig config, @Value("${kiosk06.server.insecure:false}") boolean insecure,
                 @Nullable @Value("${" + ScrapeToken.PROPERTY + ":}") String scrapeToken) {
        this.sessions = sessions;
        this.config = config;
        this.insecure = insecure;
        this.scrapeToken = ScrapeToken.of(scrapeToken);
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        HttpResponse<?> refusal = refusal(request);
        if (refusal instanceof MutableHttpResponse<?> answer) {
            harden(request, answer); // an answer from here skips the response filter
        }
        return refusal;
    }

    /** The answer that stops the request here, or null to let it through. */
    @Nullable
    private HttpResponse<?> refusal(HttpRequest<?> request) {
        String path = request.getPath();
        boolean safe = SAFE.contains(request.getMethod());
        if (PUBLIC.contains(path)) {
            return null;
        }
        if (path.equals(METRICS_PATH) && safe && scraperAllowed(request)) {
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
        caller.get().putOn(request);
        return null;
    }

    /** Hardening headers on every answer; API answers are never cached (they are per user). */
    @ResponseFilter
    void harden(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header("X-Content-Type-Options", "nosniff");
        response.header("X-Frame-Options", "DENY");
        response.header("Referrer-Policy", "no-referrer");
        response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        if (request.isSecure()) {
            response.header("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
        }
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
     * With a scrape token configured, only a request bearing it: a reverse proxy on this host makes every request
     * loopback, so loopback alone proves nothing then. Without one, a loopback peer (README, "Health and metrics").
     */
    private boolean scraperAllowed(HttpRequest<?> request) {
        return scrapeToken.map(token -> token.matches(request.getHeaders().getAuthorization().orElse(null)))
                .orElseGet(() -> fromLoopback(request));
    }

    /** The TCP peer, not a forwarding header a client can write. */
    private static boolean fromLoopback(HttpRequest<?> request) {
        java.net.InetSocketAddress peer = request.getRemoteAddress();
        return peer != null && peer.getAddress() != null && peer.getAddress().isLoopbackAddress();
    }

    /**
     * No Origin (curl, scripts) passes, the CSRF token still guards; a present Origin must name this host and port with
     * the scheme this request came in on: {@code http://host} is another origin than {@code https://host}.
     */
    private static boolean sameOrigin(HttpRequest<?> request) {
        String origin = request.getHeaders().get("Origin");
        if (origin == null) {
            return true;
        }
        String host = request.getHeaders().get("Host");
        try {
            URI o = URI.create(origin);
            String scheme = request.isSecure() ? "https" : "http";
            return host != null && o.getHost() != null && scheme.equalsIgnoreCase(o.getScheme())
                    && o.getRawAuthority().equalsIgnoreCase(host);
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
