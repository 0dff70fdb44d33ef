package vn.kiosk06.bench.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A short run of {@code bench sync}: checks that it measures (the pre-encoded ingest stores every event exactly once,
 * or the run fails), and prints where the ingest run's CPU went — never what the figures are.
 */
class SyncBenchTest {

    @TempDir
    Path dir;

    @Test
    void syncBench_smallRun_ingestsEveryEventOnce_andPrintsTheFiguresWithTheCpuByThread() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = new CommandLine(new SyncBench()).execute("--json", "--events", "20000", "--backlog", "3000",
                    "--appends", "50", "--devices", "4", "--rounds", "2", "--dir", dir.toString());
        } finally {
            System.setOut(stdout);
        }
        String json = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(json).isZero();
        assertThat(json).containsPattern("\"ingest_events_per_s\":[1-9][0-9]*")
                .containsPattern("\"raw_insert_events_per_s\":[1-9][0-9]*")
                .containsPattern("\"ingest_cpu_us_per_event\":\\{\"[a-z-]+\":[0-9.]+")
                .contains("\"store-writer\":")
                .containsPattern("\"ingest_vs_raw_each_round\":\\[[0-9.]+,[0-9.]+]");
    }
}
