package vn.kiosk06.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrainProgressTest {

    private static final Instant T0 = Instant.parse("2026-06-19T08:00:00Z");

    @Test
    void acked_aMillionEventsInBatches_logsOneLinePerTenthWithTheRate() {
        DrainProgress progress = new DrainProgress(500, 1_000_000, T0);
        List<String> lines = new ArrayList<>();
        // 1,000 batches of 1,000 events, 12 per second of simulated time (12,000 ev/s).
        for (int batch = 1; batch <= 1000; batch++) {
            progress.acked(500 + batch * 1000L, T0.plusMillis(batch * 1000L / 12)).ifPresent(lines::add);
        }

        assertThat(progress.begun()).isEqualTo("sync: 1,000,000 events waiting to be sent");
        assertThat(lines).hasSize(9).first().isEqualTo("sync: 100,000 of 1,000,000 events sent, 12,000 ev/s");
        assertThat(lines.get(3)).isEqualTo("sync: 400,000 of 1,000,000 events sent, 12,000 ev/s");
        assertThat(progress.drained(1_000_500, T0.plusSeconds(83))).isEqualTo("sync: backlog sent, 1,000,000 events in 83 s, 12,048 ev/s");
    }

    @Test
    void acked_slowDrain_logsEveryTenSecondsEvenWithinATenth() {
        DrainProgress progress = new DrainProgress(0, 1_000_000, T0);

        assertThat(progress.acked(1000, T0.plusSeconds(5))).isEmpty();
        assertThat(progress.acked(2000, T0.plusSeconds(10))).contains("sync: 2,000 of 1,000,000 events sent, 200 ev/s");
        assertThat(progress.acked(3000, T0.plusSeconds(15))).isEmpty();
        assertThat(progress.acked(4000, T0.plusSeconds(20))).isPresent();
    }

    @Test
    void acked_eventsAppendedWhileDraining_neverCountBeyondTheBacklog() {
        DrainProgress progress = new DrainProgress(0, 20_000, T0);

        assertThat(progress.acked(25_000, T0.plusSeconds(1))).isEmpty();
        assertThat(progress.drained(25_000, T0.plusSeconds(2))).startsWith("sync: backlog sent, 20,000 events in 2 s");
    }
}
