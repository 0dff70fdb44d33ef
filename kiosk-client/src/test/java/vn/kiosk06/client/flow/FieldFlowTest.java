package vn.kiosk06.client.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.client.clock.BootId;
import vn.kiosk06.client.clock.FakeDeviceClock;
import vn.kiosk06.client.flow.KioskFlowTest.MovableClock;
import vn.kiosk06.client.journal.Journal;
import vn.kiosk06.client.journal.JournalSettings;

/** A handheld restarted mid-shift (battery swap, crash) goes back to the citizen screen the same day. */
class FieldFlowTest {

    static final List<String> TEAMS = List.of("Tổ 1", "Tổ 2");
    static final List<String> AREAS = List.of("Phường Dương Đông", "Xã Hàm Ninh");

    @TempDir
    Path dir;
    // 10:00 in Vietnam.
    final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T03:00:00Z"));
    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    Journal journal;
    final List<FieldTally> tallies = new java.util.ArrayList<>();

    @BeforeEach
    void open() {
        journal = Journal.open(dir.resolve("journal.db"), JournalSettings.defaults(),
                new FakeDeviceClock(BootId.of(UUID.randomUUID()), 1_795_000_000_000L, Duration.ofHours(1)));
    }

    @AfterEach
    void close() {
        tallies.forEach(FieldTally::close);
        journal.close();
        timer.shutdownNow();
    }

    /** The flow as the device app builds it at start, over the data dir's flow.db. */
    FieldFlow start(List<String> teams) {
        FieldTally tally = FieldTally.open(dir.resolve("flow.db"));
        tallies.add(tally);
        return new FieldFlow(journal, tally, clock, teams, AREAS,
                Duration.ofSeconds(60), timer);
    }

    @Test
    void aRestartTheSameDayKeepsTheShift() {
        try (FieldFlow flow = start(TEAMS)) {
            flow.startShift("Tổ 2", "Xã Hàm Ninh");
        }
        try (FieldFlow restarted = start(TEAMS)) {
            FieldState state = restarted.state();
            assertThat(state.screen()).isEqualTo("CITIZEN");
            assertThat(state.team()).isEqualTo("Tổ 2");
            assertThat(state.area()).isEqualTo("Xã Hàm Ninh");
        }
    }

    @Test
    void theNextDayStartsWithPickingTeamAndArea() {
        try (FieldFlow flow = start(TEAMS)) {
            flow.startShift("Tổ 1", "Phường Dương Đông");
        }
        clock.advance(Duration.ofHours(15)); // 01:00 the next day
        try (FieldFlow restarted = start(TEAMS)) {
            assertThat(restarted.state().screen()).isEqualTo("SHIFT");
            assertThat(restarted.state().team()).isNull();
        }
    }

    @Test
    void anEndedShiftStaysEnded() {
        try (FieldFlow flow = start(TEAMS)) {
            flow.startShift("Tổ 1", "Phường Dương Đông");
            flow.endShift();
        }
        try (FieldFlow restarted = start(TEAMS)) {
            assertThat(restarted.state().screen()).isEqualTo("SHIFT");
        }
    }

    @Test
    void aTeamNoLongerConfiguredIsNotResumed() {
        try (FieldFlow flow = start(TEAMS)) {
            flow.startShift("Tổ 2", "Xã Hàm Ninh");
        }
        try (FieldFlow restarted = start(List.of("Tổ 1"))) {
            assertThat(restarted.state().screen()).isEqualTo("SHIFT");
        }
    }
}
