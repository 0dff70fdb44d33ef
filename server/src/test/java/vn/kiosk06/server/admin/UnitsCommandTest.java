package vn.kiosk06.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./kiosk06 admin units export|import} in-process, against a real SQLite store. */
class UnitsCommandTest {

    @TempDir
    Path dir;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int admin(String... args) {
        out.reset();
        err.reset();
        return AdminCommand.run(new AdminCommand(new ByteArrayInputStream(new byte[0]), null,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)), args);
    }

    @Test
    void export_editImport_replacesTheTree_aBadFileChangesNothingAndNamesItsLines() throws Exception {
        String data = dir.resolve("data").toString();
        assertThat(admin("units", "export", "--data-dir", data)).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String exported = out.toString(StandardCharsets.UTF_8);
        assertThat(exported).contains("code,name,level,parent,go_live", "kiosk-pq-01,Kiosk 1 — sảnh khám bệnh,DEVICE,TTYT-PQ,2025-02-06");

        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, exported + "X,Xã X,COMMUNE,NOWHERE,\n");
        assertThat(admin("units", "import", bad.toString(), "--data-dir", data)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unit X: unknown parent NOWHERE", "line ");

        Path edited = dir.resolve("edited.csv");
        Files.writeString(edited, exported + "TYT-DT,\"Trạm y tế \"\"Dương Tơ\"\", ấp 1\",FACILITY,PQ,\n");
        assertThat(admin("units", "import", edited.toString(), "--data-dir", data)).as(err.toString(StandardCharsets.UTF_8))
                .isZero();
        assertThat(admin("units", "export", "--data-dir", data)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("TYT-DT,\"Trạm y tế \"\"Dương Tơ\"\", ấp 1\",FACILITY,PQ,")
                .doesNotContain("NOWHERE");
    }
}
