package vn.kiosk06.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.server.DashboardClient;
import vn.kiosk06.server.RunningServer;
import vn.kiosk06.server.audit.AuditLog;

/** {@code ./kiosk06 admin user …} in-process, against the data directory a real server then runs on. */
class AdminCommandTest {

    @TempDir
    Path dir;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int admin(String stdin, String... args) {
        return AdminCommand.run(new AdminCommand(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), null,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)), args);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void firstAdmin_fromStdin_logsInToTheServer_andIsAudited() throws Exception {
        Path data = dir.resolve("data");

        int code = admin("bốn mươi hai con mèo\n", "user", "add", "--data-dir", data.toString(), "--name", "chi.admin",
                "--role", "admin", "--unit", "ROOT");

        assertThat(code).as(err()).isZero();
        assertThat(out()).contains("added admin chi.admin for AG and below");
        try (RunningServer server = new RunningServer(data, Map.of())) {
            DashboardClient admin = DashboardClient.login(server.httpUrl(), "chi.admin", "bốn mươi hai con mèo");
            String audit = admin.get("/api/v1/admin/audit").body();
            assertThat(audit).contains("\"action\":\"" + AuditLog.USER_ADD + "\",\"subject\":\"chi.admin\",\"detail\":\"admin of AG\"");
            assertThat(audit).contains("\"actor\":\"cli:");
        }
    }

    @Test
    void list_showsUsers_andDisable_stopsLogIn() throws Exception {
        Path data = dir.resolve("data");
        assertThat(admin("mật khẩu viewer dài\n", "user", "add", "--data-dir", data.toString(), "--name", "lan.pq",
                "--role", "viewer", "--unit", "PQ")).as(err()).isZero();
        assertThat(admin("", "user", "disable", "--data-dir", data.toString(), "--name", "lan.pq")).as(err()).isZero();
        assertThat(admin("", "user", "list", "--data-dir", data.toString())).as(err()).isZero();

        assertThat(out()).containsPattern("lan\\.pq\\s+viewer\\s+PQ\\s+disabled");
        try (RunningServer server = new RunningServer(data, Map.of())) {
            var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(server.httpUrl() + "/api/v1/session")).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(DashboardClient.credentials("lan.pq", "mật khẩu viewer dài")))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(401);
        }
    }

    @Test
    void badInput_isRefusedWithTheReason_andNoUserIsAdded() {
        Path data = dir.resolve("data");

        assertThat(admin("short\n", "user", "add", "--data-dir", data.toString(), "--name", "a.b", "--role", "admin",
                "--unit", "ROOT")).isEqualTo(1);
        assertThat(err()).contains("at least 12 characters");
        assertThat(admin("a long enough password\n", "user", "add", "--data-dir", data.toString(), "--name", "a.b",
                "--role", "owner", "--unit", "ROOT")).isEqualTo(1);
        assertThat(err()).contains("role must be admin or viewer, was 'owner'");
        assertThat(admin("a long enough password\n", "user", "add", "--data-dir", data.toString(), "--name", "a.b",
                "--role", "viewer", "--unit", "NOWHERE")).isEqualTo(1);
        assertThat(err()).contains("unknown unit 'NOWHERE'");
        assertThat(admin("", "user", "add", "--data-dir", data.toString(), "--name", "a.b", "--role", "viewer",
                "--unit", "ROOT")).isEqualTo(1);
        assertThat(err()).contains("no password on standard input");

        admin("", "user", "list", "--data-dir", data.toString());
        assertThat(out()).contains("(no users yet");
    }
}
