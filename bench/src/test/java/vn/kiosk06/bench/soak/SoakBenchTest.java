package vn.kiosk06.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A short soak against the built jars: the device app as a child process appending through its local API, a real
 * server process restarted (SIGTERM, then SIGKILL), the link between them cut, the device's disk filled below its
 * reserve and freed — and every event the device confirmed is on the server exactly once, with no gap in the seqs.
 */
class SoakBenchTest {

    @TempDir
    Path dir;

    @Test
    void soak_linkCutsServerRestartsAndAFullDisk_loseNothingDoubleNothingLeaveNoGap() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new CommandLine(new SoakBench(new PrintStream(out, true, StandardCharsets.UTF_8))).execute("--json",
                "--minutes", "0.75", "--pace-ms", "100", "--cut-every", "PT4S", "--restart-every", "PT15S",
                "--fill-every", "PT10S", "--full-for", "PT3S", "--rss-every", "PT3S", "--dir", dir.toString());

        String json = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(json).isZero();
        assertThat(number(json, "lost")).as(json).isZero();
        assertThat(number(json, "duplicated")).as(json).isZero();
        assertThat(number(json, "gaps")).as(json).isZero();
        assertThat(number(json, "other_failures")).as("only 201 and 507 answers: " + json).isZero();
        // The faults really happened, and the device kept journaling through them.
        assertThat(number(json, "server_restarts")).as(json).isGreaterThanOrEqualTo(2);
        assertThat(number(json, "link_cuts")).as(json).isGreaterThanOrEqualTo(4);
        assertThat(number(json, "disk_fills")).as(json).isGreaterThanOrEqualTo(2);
        assertThat(number(json, "refused_full")).as("the full disk was refused cleanly: " + json).isPositive();
        assertThat(number(json, "confirmed")).as(json).isGreaterThan(50);
        assertThat(json).contains("\"rss_steady_slope_mib_per_min\":");
        assertThat(json).containsPattern("\"rss_mib\":\\[\\[\\d+,[0-9.]+,[0-9.]+\\](,\\[\\d+,[0-9.]+,[0-9.]+\\]){5,}\\]");
    }

    private static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(-?\\d+)").matcher(json);
        assertThat(m.find()).as(field + " in " + json).isTrue();
        return Long.parseLong(m.group(1));
    }
}
