package vn.kiosk06.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the scale bench reads its simulator processes' results and reports one that printed none. */
class FleetAtScaleTest {

    @TempDir
    Path dir;

    @Test
    void resultOf_emptyOrMissingOrNotAResult_isEmpty() throws Exception {
        Files.writeString(dir.resolve("empty.json"), "\n");
        Files.writeString(dir.resolve("other.json"), "{\"error\":\"x\"}");
        Files.writeString(dir.resolve("good.json"), "{\"events_sent\":5,\"errors\":0}\n");
        ObjectMapper json = new ObjectMapper();

        assertThat(FleetAtScale.resultOf(json, dir.resolve("empty.json"))).isEmpty();
        assertThat(FleetAtScale.resultOf(json, dir.resolve("missing.json"))).isEmpty();
        assertThat(FleetAtScale.resultOf(json, dir.resolve("other.json"))).isEmpty();
        assertThat(FleetAtScale.resultOf(json, dir.resolve("good.json"))).hasValueSatisfying(r ->
                assertThat(r.get("events_sent").asLong()).isEqualTo(5));
    }

    @Test
    void noResult_namesTheSimulatorItsExitAndItsLastStderrLines() throws Exception {
        Path stderr = dir.resolve("simulate-3.log");
        Files.writeString(stderr, IntStream.rangeClosed(1, 20_000).mapToObj(i -> "warning " + i)
                .collect(Collectors.joining("\n", "", "\nkiosk06 simulate: --target 127.0.0.1:1: no Kiosk06 server reachable there\n")));

        String line = FleetAtScale.noResult(3, 7, 2, stderr);

        assertThat(line).startsWith("simulator 3 of 7 (devices scale-p3-*) printed no result (exit 2); last lines of " + stderr)
                .contains("    warning 20000")
                .endsWith("    kiosk06 simulate: --target 127.0.0.1:1: no Kiosk06 server reachable there")
                .doesNotContain("warning 19992\n");
        assertThat(line.lines().count()).isEqualTo(1 + FleetAtScale.STDERR_LINES_SHOWN);
    }

    @Test
    void noResult_simulatorThatWroteNoStderr_saysSo() {
        assertThat(FleetAtScale.noResult(1, 1, 137, dir.resolve("never-written.log")))
                .contains("printed no result (exit 137)").contains("(no stderr:");
    }

    @Test
    void reconnectStorm_waitsUntilEverySimulatorHasItsDevicesSyncing() {
        String syncing = "12 / 2,857 devices synced · 300 / 28,570 events acked (1 %) · 30 ev/s · 10 s · errors 0";
        assertThat(FleetAtScale.everySimulatorSyncing(syncing + " | " + syncing, 2)).isTrue();
        assertThat(FleetAtScale.everySimulatorSyncing(syncing + " | set up 2,000 / 2,857 devices", 2)).isFalse();
        assertThat(FleetAtScale.everySimulatorSyncing(syncing + " | (starting)", 2)).isFalse();
        assertThat(FleetAtScale.everySimulatorSyncing(syncing, 2)).isFalse();
    }
}
