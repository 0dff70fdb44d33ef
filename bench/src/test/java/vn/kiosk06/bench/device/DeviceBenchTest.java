package vn.kiosk06.bench.device;

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
 * A short run of {@code bench device} against the built jars: a real server process, the device app started twice
 * (device profile through the package's wrapper, JVM defaults), each enrolled, appending and syncing. Checks that
 * it measures, not what it measures: figures belong to the bench's output, never to a timed assertion.
 */
class DeviceBenchTest {

    @TempDir
    Path dir;

    @Test
    void deviceBench_60Appends_twoRounds_printsBothSetUpsSideBySide_medianAndEachStart_withTheTargets() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new CommandLine(new DeviceBench(new PrintStream(out, true, StandardCharsets.UTF_8)))
                .execute("--json", "--appends", "60", "--rounds", "2", "--dir", dir.toString());

        String json = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(json).isZero();
        for (String run : new String[] {"device_profile", "jvm_defaults"}) {
            Matcher m = Pattern.compile("\"" + run + "\":\\{\"rss_mib\":([0-9.]+),\"ready_s\":([0-9.]+),"
                    + "\"append_events_per_s\":([0-9]+),\"threads\":([0-9]+),"
                    + "\"append_events_per_s_each_round\":\\[([0-9]+),([0-9]+)]}").matcher(json);
            assertThat(m.find()).as(run + " in " + json).isTrue();
            assertThat(Double.parseDouble(m.group(1))).as(run + " RSS").isGreaterThan(10);
            assertThat(Double.parseDouble(m.group(2))).as(run + " ready").isPositive();
            assertThat(Long.parseLong(m.group(3))).as(run + " append rate").isPositive();
            // The median of two starts lies between them.
            long first = Long.parseLong(m.group(5));
            long second = Long.parseLong(m.group(6));
            assertThat(Long.parseLong(m.group(3))).as(run + " median").isBetween(Math.min(first, second) - 1,
                    Math.max(first, second) + 1);
        }
        assertThat(json).contains("\"targets\":{\"rss_mib\":96,\"ready_s\":1.5", "\"met\":{\"rss_mib\":", "\"rounds\":2");
        // The device profile's run really went through the wrapper: its archive was trained and kept.
        assertThat(dir.resolve("cds").toFile().list((d, name) -> name.endsWith(".jsa"))).hasSize(1);
    }
}
