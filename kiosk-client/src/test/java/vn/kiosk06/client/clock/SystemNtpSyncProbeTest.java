package vn.kiosk06.client.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemNtpSyncProbeTest {

    @TempDir
    Path dir;

    private final AtomicLong nanoTime = new AtomicLong();

    private SystemNtpSyncProbe probe(List<String> command, Path flag) {
        return new SystemNtpSyncProbe(command, flag, Duration.ofSeconds(5), Duration.ofMinutes(1), nanoTime::get);
    }

    @Test
    void probe_timedatectlSaysYes_isSynchronized() {
        assertThat(probe(List.of("sh", "-c", "echo yes"), dir.resolve("absent")).probe())
                .isEqualTo(NtpSync.SYNCHRONIZED);
    }

    @Test
    void probe_timedatectlSaysNo_isNotSynchronized() {
        assertThat(probe(List.of("sh", "-c", "echo no"), dir.resolve("absent")).probe())
                .isEqualTo(NtpSync.NOT_SYNCHRONIZED);
    }

    @Test
    void probe_noTimedatectlButTimesyncdFlag_isSynchronized() throws IOException {
        Path flag = Files.createFile(dir.resolve("synchronized"));

        assertThat(probe(List.of(dir.resolve("no-such-command").toString()), flag).probe())
                .isEqualTo(NtpSync.SYNCHRONIZED);
    }

    @Test
    void probe_neitherAvailable_isUnknownAndDoesNotThrow() {
        assertThat(probe(List.of(dir.resolve("no-such-command").toString()), dir.resolve("absent")).probe())
                .isEqualTo(NtpSync.UNKNOWN);
        assertThat(probe(List.of("sh", "-c", "exit 1"), dir.resolve("absent")).probe())
                .isEqualTo(NtpSync.UNKNOWN);
    }

    @Test
    void probe_askedAgainWithinAMinute_reusesTheAnswer() {
        Path count = dir.resolve("count");
        SystemNtpSyncProbe probe = probe(List.of("sh", "-c", "echo x >> '" + count + "'; echo yes"), dir.resolve("absent"));

        probe.probe();
        nanoTime.addAndGet(Duration.ofSeconds(59).toNanos());
        probe.probe();
        assertThat(count).hasContent("x");

        nanoTime.addAndGet(Duration.ofSeconds(1).toNanos());
        probe.probe();
        assertThat(count).hasContent("x\nx");
    }

    @Test
    void create_onThisMachine_answersWithoutThrowing() {
        assertThat(SystemNtpSyncProbe.create().probe()).isNotNull();
    }
}
