package vn.kiosk06.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.server.DashboardClient;
import vn.kiosk06.server.RunningServer;
import vn.kiosk06.server.security.Role;

/**
 * Issue 19's audit finding: a ward admin could move a device registered for another unit into their own subtree and
 * then read it. Over real HTTPS against a secure server, with two admins of different subtrees.
 */
class DeviceMoveAuthorityTest {

    static final String TREE = """
            code,name,level,parent,go_live
            AG,Tỉnh An Giang,PROVINCE,,
            PQ,Đặc khu Phú Quốc,SPECIAL_ZONE,AG,
            TTYT-PQ,Trung tâm Y tế đặc khu Phú Quốc,FACILITY,PQ,
            TCNS-PQ,Tổ công nghệ số Phú Quốc,TEAM,PQ,
            RG,Phường Rạch Giá,WARD,AG,
            BV-RG,Bệnh viện Rạch Giá,FACILITY,RG,
            """;

    @TempDir
    Path dir;
    RunningServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    static String register(String deviceId, String unit) {
        return "{\"deviceId\":\"" + deviceId + "\",\"unit\":\"" + unit + "\",\"valid\":\"2h\"}";
    }

    static String move(String device, String parent) {
        return "{\"device\":\"" + device + "\",\"parent\":\"" + parent + "\"}";
    }

    @Test
    void deviceRegisteredForAnotherUnit_cannotBeMovedIntoAWardAdminsSubtree_norReadThere() throws Exception {
        server = RunningServer.secure(dir.resolve("data"), RunningServer.withOrgUnits(dir, TREE));
        DashboardClient pqAdmin = server.login("pq.admin", Role.ADMIN, "PQ");
        DashboardClient rgAdmin = server.login("rg.admin", Role.ADMIN, "RG");
        DashboardClient province = server.login("ag.admin", Role.ADMIN, "AG");

        assertThat(pqAdmin.post("/api/v1/admin/devices", register("kiosk-pq-09", "TTYT-PQ")).statusCode()).isEqualTo(200);

        // Registered for TTYT-PQ, so it sits there at once: in PQ's tree, not among the unassigned.
        assertThat(pqAdmin.get("/api/v1/units").body()).contains("\"code\":\"kiosk-pq-09\"");
        // In scope the answer is 404 (it has not synced yet); out of scope it is 403.
        assertThat(pqAdmin.get("/api/v1/devices/kiosk-pq-09").statusCode()).isEqualTo(404);
        HttpResponse<String> stolen = rgAdmin.post("/api/v1/admin/device-unit", move("kiosk-pq-09", "BV-RG"));
        assertThat(stolen.statusCode()).as(stolen.body()).isEqualTo(403);
        assertThat(stolen.body()).contains("kiosk-pq-09", "TTYT-PQ");
        assertThat(rgAdmin.get("/api/v1/devices/kiosk-pq-09").statusCode()).isEqualTo(403);
        assertThat(rgAdmin.get("/api/v1/units").body()).doesNotContain("kiosk-pq-09");

        // Within one's own subtree a move is fine; across two subtrees it takes authority over both.
        assertThat(pqAdmin.post("/api/v1/admin/device-unit", move("kiosk-pq-09", "TCNS-PQ")).statusCode()).isEqualTo(200);
        assertThat(pqAdmin.post("/api/v1/admin/device-unit", move("kiosk-pq-09", "BV-RG")).statusCode()).isEqualTo(403);
        assertThat(province.post("/api/v1/admin/device-unit", move("kiosk-pq-09", "BV-RG")).statusCode()).isEqualTo(200);
        assertThat(rgAdmin.get("/api/v1/devices/kiosk-pq-09").statusCode()).isEqualTo(404);
        assertThat(rgAdmin.get("/api/v1/admin/devices").body()).contains("\"deviceId\":\"kiosk-pq-09\",\"unit\":\"BV-RG\"");
    }

    @Test
    void deviceRegisteredForAWard_isNotTheWardAdminsToTakeFromAnotherWard() throws Exception {
        server = RunningServer.secure(dir.resolve("data"), RunningServer.withOrgUnits(dir, TREE));
        DashboardClient pqAdmin = server.login("pq.admin", Role.ADMIN, "PQ");
        DashboardClient rgAdmin = server.login("rg.admin", Role.ADMIN, "RG");

        // PQ is a special zone: no device hangs straight under it, but the device is PQ's from registration on.
        assertThat(pqAdmin.post("/api/v1/admin/devices", register("kiosk-pq-10", "PQ")).statusCode()).isEqualTo(200);

        assertThat(rgAdmin.post("/api/v1/admin/device-unit", move("kiosk-pq-10", "BV-RG")).statusCode()).isEqualTo(403);
        assertThat(rgAdmin.get("/api/v1/devices/kiosk-pq-10").statusCode()).isEqualTo(403);
        assertThat(pqAdmin.post("/api/v1/admin/device-unit", move("kiosk-pq-10", "TTYT-PQ")).statusCode()).isEqualTo(200);
    }
}
