package vn.kiosk06.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StormSyncFailuresTest {

    @Test
    void failuresAreFiledByWhenTheyWereLogged_aCallBegunDuringTheOutageCountsAsTheOutages(@TempDir Path dir) throws Exception {
        Path one = Files.writeString(dir.resolve("simulate-1.log"), String.join("\n",
                "[simulate] 12 / 2,857 devices synced · errors 0",
                "13:02:30.000 WARN  SyncWorker - Sync failed: upload: UNAVAILABLE (io exception) (retrying with backoff; 0 events waiting)",
                "13:02:37.400 WARN  SyncWorker - Sync failed: upload: UNAVAILABLE (io exception) (retrying with backoff; 0 events waiting)",
                "13:03:04.000 WARN  SyncWorker - Sync failed: handshake: server 127.0.0.1:1 not reachable within 10 s (retrying with backoff; 0 events waiting)",
                "\tat io.grpc.Sync failed somewhere in a stack trace",
                "13:03:20.500 WARN  SyncWorker - Sync failed: handshake: server 127.0.0.1:1 not reachable within 10 s (retrying with backoff; 3 events waiting)",
                "13:03:21.000 INFO  SyncWorker - Synced 3 events"));
        Path two = Files.writeString(dir.resolve("simulate-2.log"),
                "13:03:05.000 WARN  SyncWorker - Sync failed: handshake: UNKNOWN (channel closed) (retrying with backoff; 0 events waiting)\n");

        StormSyncFailures f = StormSyncFailures.read(List.of(one, two), LocalTime.parse("13:02:37.335"),
                LocalTime.parse("13:02:54.767"), Duration.ofSeconds(10));

        assertThat(f.beforeKill()).isEqualTo(1);
        assertThat(f.whileDown()).isEqualTo(2);
        assertThat(f.afterBack()).isEqualTo(2);
        assertThat(f.lastAfterBackSec()).isCloseTo(25.733, org.assertj.core.data.Offset.offset(0.001));
    }
}
