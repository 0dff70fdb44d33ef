package vn.kiosk06.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.proto.sync.v1.CaseType;
import vn.kiosk06.proto.sync.v1.Reception;
import vn.kiosk06.server.DashboardClient;
import vn.kiosk06.server.FakeClock;
import vn.kiosk06.server.RunningServer;
import vn.kiosk06.server.SyntheticFleet;
import vn.kiosk06.server.audit.AuditLog;
import vn.kiosk06.server.orgunit.OrgUnitDirectory;
import vn.kiosk06.server.security.Role;

/**
 * The dashboard's gate over real HTTP on a random port, against a real server and SQLite store: sessions, roles,
 * org-unit subtrees, CSRF, log-in throttling and the audit log, as a user (or an attacker) meets them.
 */
class DashboardAccessTest {

    static final String TREE = """
            code,name,level,parent,go_live
            AG,Tỉnh An Giang,PROVINCE,,
            PQ,Đặc khu Phú Quốc,SPECIAL_ZONE,AG,
            TTYT-PQ,Trung tâm Y tế đặc khu Phú Quốc,FACILITY,PQ,
            kiosk-pq,Kiosk Phú Quốc,DEVICE,TTYT-PQ,2026-05-01
            RG,Phường Rạch Giá,WARD,AG,
            BV-RG,Bệnh viện Rạch Giá,FACILITY,RG,
            kiosk-rg,Kiosk Rạch Giá,DEVICE,BV-RG,2026-05-01
            """;
    static final String PERIOD = "month:1@2026-06";
    static final String TARGET = "{\"unit\":\"PQ\",\"activity\":\"VNEID_L2_ACTIVATION\",\"ageGroups\":\"AGE_14_PLUS\","
            + "\"denominator\":\"40\",\"baseline\":\"0\",\"targetPercent\":\"95\"}";
    static final String NEW_UNIT = "{\"code\":\"TT-RG\",\"name\":\"Trạm y tế\",\"level\":\"FACILITY\",\"parent\":\"RG\",\"goLive\":\"\"}";

    @TempDir
    Path dir;
    RunningServer server;
    final FakeClock clock = new FakeClock(Instant.now());
    final HttpClient anonymous = HttpClient.newHttpClient();

    RunningServer start() throws Exception {
        server = new RunningServer(dir.resolve("data"), RunningServer.withOrgUnits(dir, TREE),
                clock);
        return server;
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    HttpResponse<String> anonymous(HttpRequest.Builder request) throws Exception {
        return anonymous.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> anonymousGet(String path) throws Exception {
        return anonymous(HttpRequest.newBuilder(URI.create(server.httpUrl() + path)));
    }

    HttpResponse<String> login(String name, String password) throws Exception {
        return anonymous(HttpRequest.newBuilder(URI.create(server.httpUrl() + "/api/v1/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(DashboardClient.credentials(name, password))));
    }

    @Test
    void noSession_apiIs401AsJson_pagesGoToLogin_healthAndLoginPageStayOpen() throws Exception {
        start();
        for (String path : new String[] {"/api/v1/fleet", "/api/v1/units", "/api/v1/devices",
                "/api/v1/report?unit=AG&period=" + PERIOD, "/api/v1/admin/audit"}) {
            HttpResponse<String> r = anonymousGet(path);
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(r.body()).as(path).contains("\"error\":\"log in first");
        }
        HttpResponse<String> post = anonymous(HttpRequest.newBuilder(URI.create(server.httpUrl() + "/api/v1/admin/units"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(NEW_UNIT)));
        assertThat(post.statusCode()).isEqualTo(401);

        HttpResponse<String> page = anonymousGet("/dashboard/index.html");
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).hasValue("/dashboard/login.html");
        HttpResponse<String> login = anonymousGet("/dashboard/login.html");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(anonymousGet("/health").statusCode()).isEqualTo(200);
        assertThat(anonymousGet("/prometheus").statusCode()).as("a scraper on this host").isEqualTo(200);
    }

    /** This machine's own address on a network interface (not loopback), to call the server from "elsewhere". */
    static java.util.Optional<String> networkAddress() throws java.net.SocketException {
        for (java.net.NetworkInterface i : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            if (i.isUp() && !i.isLoopback()) {
                for (java.net.InetAddress a : java.util.Collections.list(i.getInetAddresses())) {
                    if (a instanceof java.net.Inet4Address && !a.isLoopbackAddress()) {
                        return java.util.Optional.of(a.getHostAddress());
                    }
                }
            }
        }
        return java.util.Optional.empty();
    }

    @Test
    void prometheus_fromTheNetwork_needsAnAdminSession_healthStaysPublic() throws Exception {
        java.util.Optional<String> address = networkAddress();
        org.junit.jupiter.api.Assumptions.assumeTrue(address.isPresent(), "this machine has no network interface");
        start();
        String remote = server.httpUrl().replace("127.0.0.1", address.get());
        String viewerPw = "pw-" + java.util.UUID.randomUUID();
        String adminPw = "pw-" + java.util.UUID.randomUUID();
        UserDirectory users = server.bean(UserDirectory.class);
        users.add("lan.viewer", Role.VIEWER, "ROOT", viewerPw.toCharArray(), server.bean(OrgUnitDirectory.class).tree());
        users.add("an.admin", Role.ADMIN, "ROOT", adminPw.toCharArray(), server.bean(OrgUnitDirectory.class).tree());

        HttpResponse<String> anonymousMetrics = anonymous(HttpRequest.newBuilder(URI.create(remote + "/prometheus")));
        HttpResponse<String> viewerMetrics = DashboardClient.login(remote, "lan.viewer", viewerPw).get("/prometheus");
        HttpResponse<String> adminMetrics = DashboardClient.login(remote, "an.admin", adminPw).get("/prometheus");

        assertThat(anonymousMetrics.statusCode()).isEqualTo(401);
        assertThat(anonymousMetrics.body()).doesNotContain("kiosk06_");
        assertThat(viewerMetrics.statusCode()).as("a viewer may be scoped to a subtree; metrics name every device")
                .isEqualTo(403);
        assertThat(adminMetrics.statusCode()).isEqualTo(200);
        assertThat(adminMetrics.body()).contains("kiosk06_devices_silent");
        assertThat(anonymous(HttpRequest.newBuilder(URI.create(remote + "/health"))).statusCode()).isEqualTo(200);
    }

    @Test
    void viewer_postingAnAdminChange_is403_andChangesNothing() throws Exception {
        start();
        DashboardClient viewer = server.login("lan.viewer", Role.VIEWER, "AG");

        HttpResponse<String> unit = viewer.post("/api/v1/admin/units", NEW_UNIT);
        HttpResponse<String> target = viewer.post("/api/v1/admin/targets", TARGET);

        assertThat(unit.statusCode()).isEqualTo(403);
        assertThat(unit.body()).contains("\"status\":403", "only admins");
        assertThat(target.statusCode()).isEqualTo(403);
        assertThat(viewer.get("/api/v1/units").body()).doesNotContain("TT-RG");
        assertThat(viewer.get("/api/v1/report?unit=PQ&period=" + PERIOD).body()).doesNotContain("\"denominator\":40");
        assertThat(viewer.get("/api/v1/admin/audit").statusCode()).isEqualTo(403);
    }

    @Test
    void wardViewer_seesOnlyTheirWard_inReportsFleetDevicesAndTree() throws Exception {
        start();
        SyntheticFleet fleet = new SyntheticFleet();
        LocalDate day = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(1);
        for (String device : new String[] {"kiosk-pq", "kiosk-rg", "kiosk-stray"}) {
            fleet.add(device, day.atTime(9, 0).atZone(ZoneId.of("Asia/Ho_Chi_Minh")).toInstant(),
                    e -> e.setReception(Reception.newBuilder().setCaseType(CaseType.BHYT).setDepartment("NOI")), true);
        }
        fleet.upload(server);
        DashboardClient ward = server.login("rg.viewer", Role.VIEWER, "RG");

        assertThat(ward.get("/api/v1/report?unit=RG&period=" + PERIOD).statusCode()).isEqualTo(200);
        assertThat(ward.get("/api/v1/report?unit=BV-RG&period=" + PERIOD).statusCode()).isEqualTo(200);
        for (String path : new String[] {"/api/v1/report?unit=PQ&period=", "/api/v1/report?unit=AG&period=",
                "/api/v1/report.csv?unit=PQ&period=", "/api/v1/report.xlsx?unit=PQ&period=", "/api/v1/report.txt?unit=PQ&period=",
                "/api/v1/series?unit=PQ&period=", "/api/v1/report?unit=_unassigned&period="}) {
            HttpResponse<String> r = ward.get(path + PERIOD);
            assertThat(r.statusCode()).as(path).isEqualTo(403);
            assertThat(r.body()).as(path).contains("outside rg.viewer's scope");
        }
        assertThat(ward.get("/api/v1/devices/kiosk-pq").statusCode()).isEqualTo(403);
        assertThat(ward.get("/api/v1/devices/kiosk-rg").statusCode()).isEqualTo(200);

        String fleetJson = ward.get("/api/v1/fleet").body();
        assertThat(fleetJson).contains("\"deviceId\":\"kiosk-rg\"").doesNotContain("kiosk-pq", "kiosk-stray");
        assertThat(ward.get("/api/v1/devices").body()).contains("kiosk-rg").doesNotContain("kiosk-pq", "kiosk-stray");
        assertThat(ward.get("/api/v1/units").body()).contains("\"code\":\"RG\"").doesNotContain("\"PQ\"", "_unassigned");

        DashboardClient province = server.login("ag.viewer", Role.VIEWER, "AG");
        assertThat(province.get("/api/v1/fleet").body()).contains("kiosk-rg", "kiosk-pq", "kiosk-stray");
        assertThat(province.get("/api/v1/report?unit=PQ&period=" + PERIOD).statusCode()).isEqualTo(200);
    }

    @Test
    void wardAdmin_cannotEditOutsideTheirWard() throws Exception {
        start();
        DashboardClient wardAdmin = server.login("rg.admin", Role.ADMIN, "RG");

        assertThat(wardAdmin.post("/api/v1/admin/units", NEW_UNIT.replace("\"RG\"", "\"PQ\"")).statusCode()).isEqualTo(403);
        assertThat(wardAdmin.post("/api/v1/admin/device-unit", "{\"device\":\"kiosk-pq\",\"parent\":\"BV-RG\"}").statusCode())
                .isEqualTo(403);
        assertThat(wardAdmin.post("/api/v1/admin/targets", TARGET).statusCode()).isEqualTo(403);
        assertThat(wardAdmin.post("/api/v1/admin/units", NEW_UNIT).statusCode()).isEqualTo(200);
        assertThat(wardAdmin.post("/api/v1/admin/targets", TARGET.replace("\"PQ\"", "\"RG\"")).statusCode()).isEqualTo(200);
    }

    @Test
    void deviceUnit_unknownParent_is404NamingTheUnit_notASubtreeRefusal() throws Exception {
        start();
        DashboardClient admin = server.login("chi.admin", Role.ADMIN, "AG");
        DashboardClient wardAdmin = server.login("rg.admin", Role.ADMIN, "RG");

        for (DashboardClient who : List.of(admin, wardAdmin)) {
            HttpResponse<String> moved = who.post("/api/v1/admin/device-unit", "{\"device\":\"kiosk-rg\",\"parent\":\"BV-XX\"}");
            assertThat(moved.statusCode()).isEqualTo(404);
            assertThat(moved.body()).contains("unknown org unit \\\"BV-XX\\\"").doesNotContain("subtree");
        }
    }

    @Test
    void stateChange_withoutOrWithAWrongCsrfToken_orFromAnotherOrigin_is403() throws Exception {
        start();
        DashboardClient admin = server.loginAdmin();

        HttpResponse<String> missing = admin.post("/api/v1/admin/units", NEW_UNIT, null);
        HttpResponse<String> wrong = admin.post("/api/v1/admin/units", NEW_UNIT, admin.csrfToken() + "x");
        HttpResponse<String> foreign = admin.send(HttpRequest.newBuilder(URI.create(server.httpUrl() + "/api/v1/admin/units"))
                .header("Content-Type", "application/json").header("X-CSRF-Token", admin.csrfToken())
                .header("Origin", "https://evil.example").POST(HttpRequest.BodyPublishers.ofString(NEW_UNIT)));

        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(missing.body()).contains("CSRF token");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.body()).contains("cross-site");
        assertThat(admin.get("/api/v1/units").body()).doesNotContain("TT-RG");
        // The same request with the token and our own Origin goes through.
        HttpResponse<String> ok = admin.send(HttpRequest.newBuilder(URI.create(server.httpUrl() + "/api/v1/admin/units"))
                .header("Content-Type", "application/json").header("X-CSRF-Token", admin.csrfToken())
                .header("Origin", server.httpUrl()).POST(HttpRequest.BodyPublishers.ofString(NEW_UNIT)));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    }

    @Test
    void bruteForce_isLockedAfterFiveFailures_evenWithTheRightPassword_untilTheLockoutPasses() throws Exception {
        start();
        server.bean(UserDirectory.class).add("lan.pq", Role.VIEWER, "PQ", "correct horse battery".toCharArray(),
                server.bean(vn.kiosk06.server.orgunit.OrgUnitDirectory.class).tree());

        for (int i = 1; i <= 5; i++) {
            HttpResponse<String> r = login("lan.pq", "guess-" + i);
            assertThat(r.statusCode()).as("attempt " + i).isEqualTo(401);
            assertThat(r.body()).contains("wrong user name or password");
        }
        HttpResponse<String> sixth = login("lan.pq", "correct horse battery");
        assertThat(sixth.statusCode()).isEqualTo(429);
        assertThat(sixth.body()).contains("too many failed log-ins", "try again in 1 minute");
        assertThat(sixth.headers().firstValue("Retry-After")).hasValue("60");

        clock.advance(Duration.ofSeconds(61));
        assertThat(login("lan.pq", "correct horse battery").statusCode()).isEqualTo(200);
    }

    @Test
    void parallelGuesses_cannotSlipPastTheLimit_whileTheHashRuns() throws Exception {
        start();
        server.login("target.user", Role.VIEWER, "AG");
        int guesses = 12;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(guesses);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < guesses; i++) {
                int n = i;
                answers.add(pool.submit(() -> {
                    go.await();
                    return login("target.user", "parallel guess " + n).statusCode();
                }));
            }
            go.countDown();
            java.util.List<Integer> codes = new java.util.ArrayList<>();
            for (var a : answers) {
                codes.add(a.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(codes.stream().filter(c -> c == 401).count()).as(codes.toString()).isEqualTo(5);
            assertThat(codes.stream().filter(c -> c == 429).count()).as(codes.toString()).isEqualTo(guesses - 5);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void loginFlood_fromOneAddress_is429InMemory_withoutDatabaseWrites_andAuditedOnce() throws Exception {
        server = new RunningServer(dir.resolve("data"), RunningServer.withOrgUnits(dir, TREE,
                "kiosk06.server.auth.login-burst", 5, "kiosk06.server.auth.login-per-minute", 10), clock);
        AuditLog audit = server.bean(AuditLog.class);
        int auditedBefore = audit.latest(1000).size();

        java.util.List<Integer> codes = new java.util.ArrayList<>();
        HttpResponse<String> last = null;
        for (int i = 0; i < 40; i++) {
            // A new name each time: only the per-address limits can stop this.
            last = login("guess.user" + i, "guess-" + i);
            codes.add(last.statusCode());
        }

        assertThat(codes.subList(0, 5)).as("the burst reaches the password check").containsOnly(401);
        assertThat(codes.subList(5, 40)).containsOnly(429);
        assertThat(last.headers().firstValue("Retry-After")).hasValue("6");
        assertThat(last.body()).contains("too many failed log-ins");
        assertThat(ipFailuresCounted()).as("refused in memory: the database counter stopped at the burst").isEqualTo(5);
        java.util.List<AuditLog.Entry> added = audit.latest(1000).subList(0, audit.latest(1000).size() - auditedBefore);
        assertThat(added).filteredOn(e -> e.action().equals(AuditLog.LOGIN_FAILED)).hasSize(5);
        assertThat(added).filteredOn(e -> e.action().equals(AuditLog.LOGIN_LOCKED)).as("one lock-out, audited once")
                .hasSize(1);

        clock.advance(Duration.ofSeconds(7));
        assertThat(login("guess.user.later", "x").statusCode()).as("the rate gives attempts back").isEqualTo(401);
    }

    long ipFailuresCounted() throws Exception {
        try (java.sql.Connection c = server.bean(vn.kiosk06.server.db.Database.class).connect();
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT failures FROM login_failure WHERE throttle_key = ?")) {
            ps.setString(1, "ip:127.0.0.1");
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    @Test
    void unknownName_andWrongPassword_getTheSameAnswer_andLockTheSameWay() throws Exception {
        start();
        server.login("real.user", Role.VIEWER, "AG");

        HttpResponse<String> unknown = login("no.such.user", "whatever-password");
        HttpResponse<String> wrong = login("real.user", "whatever-password");

        assertThat(unknown.statusCode()).isEqualTo(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(wrong.body());
        for (int i = 0; i < 4; i++) {
            login("no.such.user", "whatever-password");
        }
        assertThat(login("no.such.user", "x").statusCode()).isEqualTo(429);
    }

    @Test
    void adminActions_andLogIns_areAudited_andListedToAdmins() throws Exception {
        start();
        DashboardClient admin = server.login("chi.admin", Role.ADMIN, "AG");
        login("chi.admin", "not the password");

        assertThat(admin.post("/api/v1/admin/units", NEW_UNIT).statusCode()).isEqualTo(200);
        assertThat(admin.post("/api/v1/admin/device-unit", "{\"device\":\"kiosk-new\",\"parent\":\"TT-RG\"}").statusCode())
                .isEqualTo(200);

        assertThat(admin.post("/api/v1/admin/targets", TARGET).statusCode()).isEqualTo(200);
        assertThat(admin.post("/api/v1/admin/targets", TARGET.replace("\"95\"", "\"90\"")).statusCode()).isEqualTo(200);
        assertThat(admin.get("/api/v1/report?unit=PQ&period=" + PERIOD).body()).contains("\"targetPercent\":90");
        assertThat(dir.resolve("data").resolve("targets.csv")).as("targets live in the database").doesNotExist();

        String audit = admin.get("/api/v1/admin/audit").body();
        assertThat(audit).contains("\"action\":\"" + AuditLog.TARGET_CHANGE + "\",\"subject\":\"PQ/VNEID_L2_ACTIVATION\","
                + "\"detail\":\"90% of 40 AGE_14_PLUS, baseline 0 (was 95% of 40 AGE_14_PLUS, baseline 0)\"");
        assertThat(audit).contains("\"actor\":\"chi.admin\",\"action\":\"" + AuditLog.UNIT_ADD + "\",\"subject\":\"TT-RG\"");
        assertThat(audit).contains("\"actor\":\"chi.admin\",\"action\":\"" + AuditLog.DEVICE_MOVE
                + "\",\"subject\":\"kiosk-new\",\"detail\":\"from _unassigned to TT-RG\"");
        assertThat(audit).contains("\"action\":\"" + AuditLog.LOGIN_OK + "\"", "\"action\":\"" + AuditLog.LOGIN_FAILED + "\"");
        assertThat(audit).doesNotContain("not the password");
    }

    @Test
    void session_endsAtLogout_afterIdling_andWhenTheUserIsDisabled() throws Exception {
        start();
        DashboardClient a = server.login("user.a", Role.VIEWER, "AG");
        assertThat(a.send(HttpRequest.newBuilder(URI.create(server.httpUrl() + "/api/v1/session"))
                .header("X-CSRF-Token", a.csrfToken()).DELETE()).statusCode()).isEqualTo(204);
        assertThat(a.get("/api/v1/units").statusCode()).isEqualTo(401);

        DashboardClient b = server.login("user.b", Role.VIEWER, "AG");
        clock.advance(Duration.ofMinutes(29));
        assertThat(b.get("/api/v1/units").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(29));
        assertThat(b.get("/api/v1/units").statusCode()).as("used 29 min ago: still live").isEqualTo(200);
        clock.advance(Duration.ofMinutes(31));
        assertThat(b.get("/api/v1/units").statusCode()).as("idle 31 min").isEqualTo(401);

        DashboardClient c = server.login("user.c", Role.VIEWER, "AG");
        server.bean(UserDirectory.class).disable("user.c");
        assertThat(c.get("/api/v1/units").statusCode()).isEqualTo(401);
        assertThat(login("user.c", "anything").statusCode()).isEqualTo(401);
    }

    @Test
    void sessionCookie_isHttpOnlyAndSameSiteStrict_andTheDatabaseHoldsNoSessionId() throws Exception {
        start();
        server.bean(UserDirectory.class).add("cookie.check", Role.VIEWER, "AG", "a long enough password".toCharArray(),
                server.bean(vn.kiosk06.server.orgunit.OrgUnitDirectory.class).tree());

        HttpResponse<String> r = login("cookie.check", "a long enough password");

        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("kiosk06_session=").containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict").containsIgnoringCase("Path=/");
        String id = cookie.substring("kiosk06_session=".length(), cookie.indexOf(';'));
        byte[] db = Files.readAllBytes(dir.resolve("data").resolve("kiosk06.db"));
        byte[] wal = Files.exists(dir.resolve("data").resolve("kiosk06.db-wal"))
                ? Files.readAllBytes(dir.resolve("data").resolve("kiosk06.db-wal")) : new byte[0];
        assertThat(new String(db, java.nio.charset.StandardCharsets.ISO_8859_1) + new String(wal, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(id).doesNotContain("a long enough password");
    }

    @Test
    void sessionCookie_isSecure_unlessTheServerRunsInsecure() throws Exception {
        server = new RunningServer(dir.resolve("data"), RunningServer.withOrgUnits(dir, TREE, "kiosk06.server.insecure", false));
        server.bean(UserDirectory.class).add("secure.check", Role.VIEWER, "AG", "a long enough password".toCharArray(),
                server.bean(vn.kiosk06.server.orgunit.OrgUnitDirectory.class).tree());

        HttpResponse<String> r = login("secure.check", "a long enough password");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Set-Cookie").orElseThrow()).containsIgnoringCase("; Secure");
    }
}
