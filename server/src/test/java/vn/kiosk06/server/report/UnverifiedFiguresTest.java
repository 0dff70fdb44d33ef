package vn.kiosk06.server.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.server.DashboardClient;
import vn.kiosk06.server.RunningServer;
import vn.kiosk06.server.Uploads;
import vn.kiosk06.server.integrity.Chains;
import vn.kiosk06.server.integrity.IntegrityChecker;

/**
 * Figures of a device whose hash chain is broken are reported apart as unverified — in the JSON report, the
 * paste-ready paragraph and the CSV — and not summed with the others (real SQLite store, real gRPC, real HTTP).
 */
class UnverifiedFiguresTest {

    static final String TREE = """
            code,name,level,parent,go_live
            AG,Tỉnh An Giang,PROVINCE,,
            PQ,Đặc khu Phú Quốc,SPECIAL_ZONE,AG,
            TTYT-PQ,Trung tâm Y tế đặc khu Phú Quốc,FACILITY,PQ,
            kiosk-1,Kiosk 1,DEVICE,TTYT-PQ,2026-05-01
            kiosk-2,Kiosk 2,DEVICE,TTYT-PQ,2026-05-01
            """;
    static final String PERIOD = "months:1@2026-06-01"; // the test events' wall times are 9–10 June 2026

    @TempDir
    Path dir;
    RunningServer server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void brokenChain_figuresReportedApartAsUnverified_notSummedIntoTheUnit() throws Exception {
        server = new RunningServer(dir.resolve("data"),
                RunningServer.withOrgUnits(dir, TREE, "kiosk06.server.integrity.interval", "1h"));
        DashboardClient http = server.loginAdmin();
        Uploads.upload(server.channel(), Chains.batch("kiosk-1", Chains.payments(10)));
        Uploads.upload(server.channel(), Chains.batch("kiosk-2", Chains.withAmountEdited(Chains.payments(6), 3, 1)));
        server.bean(IntegrityChecker.class).checkNow();

        HttpResponse<String> r = http.get("/api/v1/report?unit=PQ&period=" + PERIOD);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Map<String, Object> report = server.bean(JsonMapper.class).readValue(r.body(), Map.class);
        Map<String, Object> figures = (Map<String, Object>) report.get("figures");
        Map<String, Object> unverified = (Map<String, Object>) report.get("unverified");
        Map<String, Object> unverifiedFigures = (Map<String, Object>) unverified.get("figures");

        assertThat(counted(figures)).as("kiosk-1 only: %s", figures).isEqualTo(10);
        assertThat((List<String>) unverified.get("devices")).containsExactly("kiosk-2");
        assertThat(counted(unverifiedFigures)).as("kiosk-2: %s", unverifiedFigures).isEqualTo(6);
        assertThat((String) report.get("paragraphVi")).contains("Số liệu CHƯA XÁC MINH (không cộng vào các số trên) của 1 "
                + "thiết bị có chuỗi nhật ký bị phá vỡ (kiosk-2)");
        assertThat((String) report.get("paragraphEn")).contains("UNVERIFIED figures (not included above) of 1 device(s)");

        HttpResponse<byte[]> csv = http.getBytes("/api/v1/report.csv?unit=PQ&period=" + PERIOD);
        assertThat(csv.statusCode()).isEqualTo(200);
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(text.lines().filter(l -> l.contains("CHƯA XÁC MINH")).toList()).hasSize(1)
                .allMatch(l -> l.contains("kiosk-2"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void intactChains_noUnverifiedLine() throws Exception {
        server = new RunningServer(dir.resolve("data"),
                RunningServer.withOrgUnits(dir, TREE, "kiosk06.server.integrity.interval", "1h"));
        Uploads.upload(server.channel(), Chains.batch("kiosk-1", Chains.payments(10)));
        server.bean(IntegrityChecker.class).checkNow();

        HttpResponse<String> r = server.loginAdmin().get("/api/v1/report?unit=PQ&period=" + PERIOD);
        Map<String, Object> report = server.bean(JsonMapper.class).readValue(r.body(), Map.class);

        assertThat(report.get("unverified")).isNull();
        assertThat((String) report.get("paragraphVi")).doesNotContain("CHƯA XÁC MINH");
    }

    /** Payments in the period plus events of unknown time (these test events carry no clock sample). */
    static long counted(Map<String, Object> figures) {
        return ((Number) figures.get("payments")).longValue() + ((Number) figures.get("timeUnknown")).longValue();
    }
}
