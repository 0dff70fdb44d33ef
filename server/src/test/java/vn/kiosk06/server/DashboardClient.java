package vn.kiosk06.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP client that logged in to the dashboard as a browser does: it keeps the session cookie and sends the CSRF
 * token on state-changing requests, so API tests go through the same gate as people.
 */
public final class DashboardClient {

    private static final Pattern CSRF = Pattern.compile("\"csrfToken\":\"([^\"]+)\"");

    private final String base;
    private final HttpClient http;
    private final String csrfToken;

    private DashboardClient(String base, HttpClient http, String csrfToken) {
        this.base = base;
        this.http = http;
        this.csrfToken = csrfToken;
    }

    /** Logs in; fails the test with the server's answer if that is refused. */
    public static DashboardClient login(String base, String name, String password) {
        return login(base, name, password, java.util.Optional.empty());
    }

    /** Logs in over HTTPS trusting {@code ssl} (a test server's own certificate), or plain HTTP when empty. */
    public static DashboardClient login(String base, String name, String password,
                                        java.util.Optional<javax.net.ssl.SSLContext> ssl) {
        HttpClient.Builder builder = HttpClient.newBuilder().cookieHandler(new CookieManager());
        ssl.ifPresent(builder::sslContext);
        HttpClient http = builder.build();
        HttpResponse<String> r = send(http, HttpRequest.newBuilder(URI.create(base + "/api/v1/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(credentials(name, password))).build());
        Matcher m = CSRF.matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            throw new AssertionError("log-in of " + name + " refused: " + r.statusCode() + " " + r.body());
        }
        return new DashboardClient(base, http, m.group(1));
    }

    /** The JSON body of a log-in call. */
    public static String credentials(String name, String password) {
        return "{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}";
    }

    public String csrfToken() {
        return csrfToken;
    }

    /** The session cookie's value (for a browser test that takes the session over). */
    public String sessionCookie() {
        return ((CookieManager) http.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("kiosk06_session")).findFirst().orElseThrow().getValue();
    }

    public HttpResponse<String> get(String pathAndQuery) {
        return send(http, HttpRequest.newBuilder(URI.create(base + pathAndQuery)).build());
    }

    public HttpResponse<byte[]> getBytes(String pathAndQuery) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A JSON POST with the session's CSRF token. */
    public HttpResponse<String> post(String path, String json) {
        return post(path, json, csrfToken);
    }

    /** A JSON POST with {@code token} (null: no token header) as the CSRF token. */
    public HttpResponse<String> post(String path, String json, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("X-CSRF-Token", token);
        }
        return send(http, b.build());
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        return send(http, request.build());
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
