package vn.kiosk06.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import vn.kiosk06.server.DashboardClient;
import vn.kiosk06.server.RunningServer;

/**
 * The audit's findings on the HTTP port, against a real server over real HTTP(S): security headers, the Origin's
 * scheme, the scrape token of /prometheus, and 500 answers that show an error id instead of the cause.
 */
class HttpHardeningTest {

    static final String TREE = """
            code,name,level,parent,go_live
            AG,Tỉnh An Giang,PROVINCE,,
            RG,Phường Rạch Giá,WARD,AG,
            """;
    static final String NEW_UNIT = "{\"code\":\"TT-RG\",\"name\":\"Trạm y tế\",\"level\":\"FACILITY\",\"parent\":\"RG\",\"goLive\":\"\"}";
    static final String TOKEN = "scrape-token-0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;
    RunningServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    Map<String, Object> tree() throws Exception {
        return RunningServer.withOrgUnits(dir, TREE);
    }

    HttpClient client() {
        HttpClient.Builder b = HttpClient.newBuilder();
        server.sslContext().ifPresent(b::sslContext);
        return b.build();
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(server.httpUrl() + path));
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        return client().send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void httpsDashboard_sendsCspHstsNosniffReferrerPolicyAndNoFraming() throws Exception {
        server = RunningServer.secure(dir.resolve("data"), Map.of());

        for (String path : new String[] {"/dashboard/login.html", "/api/v1/units", "/health"}) {
            HttpResponse<String> r = get(path);
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(csp -> assertThat(csp)
                    .contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'",
                            "object-src 'none'", "base-uri 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval"));
            assertThat(r.headers().firstValue("Strict-Transport-Security")).as(path).hasValue("max-age=31536000");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(r.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
            assertThat(r.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
        }
    }

    @Test
    void plainHttpServer_sendsNoHsts() throws Exception {
        server = new RunningServer(dir.resolve("data"), Map.of());

        HttpResponse<String> r = get("/dashboard/login.html");

        assertThat(r.headers().firstValue("Strict-Transport-Security")).as("HSTS is only meaningful over HTTPS").isEmpty();
        assertThat(r.headers().firstValue("Content-Security-Policy")).isPresent();
    }

    @Test
    void stateChange_fromTheSameHostAndPortOverPlainHttp_isAnotherOrigin_andRefused() throws Exception {
        server = RunningServer.secure(dir.resolve("data"), tree());
        DashboardClient admin = server.loginAdmin();
        String authority = URI.create(server.httpUrl()).getRawAuthority();

        HttpResponse<String> downgraded = admin.send(post(admin, "http://" + authority));
        HttpResponse<String> same = admin.send(post(admin, "https://" + authority));

        assertThat(downgraded.statusCode()).as(downgraded.body()).isEqualTo(403);
        assertThat(downgraded.body()).contains("cross-site");
        assertThat(same.statusCode()).as(same.body()).isEqualTo(200);
    }

    HttpRequest.Builder post(DashboardClient admin, String origin) {
        return HttpRequest.newBuilder(URI.create(server.httpUrl() + "/api/v1/admin/units"))
                .header("Content-Type", "application/json").header("X-CSRF-Token", admin.csrfToken())
                .header("Origin", origin).POST(HttpRequest.BodyPublishers.ofString(NEW_UNIT));
    }

    @Test
    void prometheus_withAScrapeToken_needsTheToken_evenFromLoopback() throws Exception {
        server = new RunningServer(dir.resolve("data"), Map.of(ScrapeToken.PROPERTY, TOKEN));

        HttpResponse<String> loopbackOnly = get("/prometheus");
        HttpResponse<String> wrongToken = get("/prometheus", "Authorization", "Bearer " + TOKEN.replace('0', '1'));
        HttpResponse<String> withToken = get("/prometheus", "Authorization", "Bearer " + TOKEN);

        assertThat(loopbackOnly.statusCode()).as("a reverse proxy on this host would look like loopback").isEqualTo(401);
        assertThat(loopbackOnly.body()).doesNotContain("kiosk06_");
        assertThat(wrongToken.statusCode()).isEqualTo(401);
        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(withToken.body()).contains("kiosk06_devices_silent");
        assertThat(server.loginAdmin().get("/prometheus").statusCode()).as("an admin session still may").isEqualTo(200);
    }

    @Test
    void scrapeToken_tooShort_isRefusedSayingWhatIsExpected() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> new ScrapeToken("short")))
                .hasMessageContaining("at least 24").hasMessageContaining("was 5 characters").hasMessageNotContaining("short");
    }

    @Test
    void unexpectedFailure_is500WithAnErrorId_notTheCause_andTheLogHasTheIdWithTheStackTrace() throws Exception {
        server = new RunningServer(dir.resolve("data"), tree());
        DashboardClient admin = server.loginAdmin();
        // The admin's edit cannot be saved: the database refuses every new org-unit row, with a message naming a path.
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                "jdbc:sqlite:" + dir.resolve("data").resolve("kiosk06.db"));
                java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE TRIGGER refuse_units BEFORE INSERT ON org_unit"
                    + " BEGIN SELECT RAISE(ABORT, '" + dir + "/org-units broken'); END");
        }
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(log);
        HttpResponse<String> r;
        try {
            r = admin.post("/api/v1/admin/units", NEW_UNIT);
        } finally {
            root.detachAppender(log);
        }

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).doesNotContain(dir.toString()).doesNotContain("org-units").doesNotContain("Exception")
                .doesNotContain("java.");
        Matcher id = Pattern.compile("internal error ([0-9a-f]{12})").matcher(r.body());
        assertThat(id.find()).as(r.body()).isTrue();
        assertThat(log.list).as("the log line with the id carries the stack trace")
                .anySatisfy(e -> {
                    assertThat(e.getFormattedMessage()).contains(id.group(1));
                    assertThat(e.getThrowableProxy()).isNotNull();
                });
    }
}
