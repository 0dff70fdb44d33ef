package vn.kiosk06.server.orgunit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.server.DashboardClient;
import vn.kiosk06.server.RunningServer;
import vn.kiosk06.server.security.Role;

/**
 * Issue 19's audit finding: a line break (or quote, comma) in a unit name broke the saved org units and left the
 * dashboard answering 500 after a restart. Over real HTTP against a real server, restarted on the same data.
 */
class UnitNameTest {

    static final String TREE = """
            code,name,level,parent,go_live
            AG,Tỉnh An Giang,PROVINCE,,
            RG,Phường Rạch Giá,WARD,AG,
            BV-RG,Bệnh viện Rạch Giá,FACILITY,RG,
            kiosk-rg,Kiosk Rạch Giá,DEVICE,BV-RG,2026-05-01
            """;

    @TempDir
    Path dir;
    RunningServer server;

    RunningServer start() throws Exception {
        if (!Files.exists(dir.resolve("units.csv"))) {
            Files.writeString(dir.resolve("units.csv"), TREE);
        }
        server = new RunningServer(dir.resolve("data"), Map.of("kiosk06.server.org-units", dir.resolve("units.csv").toString()));
        return server;
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    static String unit(String code, String jsonName) {
        return "{\"code\":\"" + code + "\",\"name\":\"" + jsonName + "\",\"level\":\"FACILITY\",\"parent\":\"RG\",\"goLive\":\"\"}";
    }

    @Test
    void nameWithQuoteAndComma_survivesARestart_nameWithALineBreak_isA400NamingTheField() throws Exception {
        DashboardClient admin = start().login("an.admin", Role.ADMIN, "AG");

        HttpResponse<String> quoted = admin.post("/api/v1/admin/units", unit("TYT-1", "Trạm \\\"Số 1\\\", khu A"));
        HttpResponse<String> broken = admin.post("/api/v1/admin/units", unit("TYT-2", "Trạm y tế\\nphường 2"));
        HttpResponse<String> tab = admin.post("/api/v1/admin/units", unit("TYT-3", "Trạm\\ty tế"));

        assertThat(quoted.statusCode()).as(quoted.body()).isEqualTo(200);
        assertThat(broken.statusCode()).as(broken.body()).isEqualTo(400);
        assertThat(broken.body()).contains("name of TYT-2 must not contain control characters", "U+000A");
        assertThat(tab.statusCode()).isEqualTo(400);
        assertThat(admin.get("/api/v1/units").body()).doesNotContain("TYT-2", "TYT-3");

        server.close();
        DashboardClient again = start().login("binh.admin", Role.ADMIN, "AG");
        HttpResponse<String> units = again.get("/api/v1/units");
        assertThat(units.statusCode()).as(units.body()).isEqualTo(200);
        assertThat(units.body()).contains("Trạm \\\"Số 1\\\", khu A");
        for (String path : new String[] {"/api/v1/fleet", "/api/v1/report?unit=TYT-1&period=month:1@2026-06",
                "/api/v1/report.csv?unit=RG&period=month:1@2026-06"}) {
            HttpResponse<String> r = again.get(path);
            assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        }
        assertThat(again.get("/api/v1/report.csv?unit=RG&period=month:1@2026-06").body())
                .contains("\"Trạm \"\"Số 1\"\", khu A\"");
    }
}
