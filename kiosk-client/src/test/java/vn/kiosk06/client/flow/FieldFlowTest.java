package vn.kiosk06.client.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import vn.kiosk06.wire.BootId;
import vn.kiosk06.client.clock.FakeDeviceClock;
import vn.kiosk06.client.flow.KioskFlowTest.MovableClock;
import vn.kiosk06.client.journal.Journal;
import vn.kiosk06.client.journal.JournalSettings;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.FieldActivity;
import vn.kiosk06.proto.sync.v1.VoidReason;

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

    @Test
    void aVoidedRecord_isANewEventNamingIt_countedOutOfTheSummary_andCannotBeVoidedTwice() {
        try (FieldFlow flow = start(TEAMS)) {
            flow.startShift("Tổ 1", "Xã Hàm Ninh");
            flow.noCard(1990, "FEMALE");
            flow.save(java.util.EnumSet.of(FieldActivity.VNEID_L2_ACTIVATION, FieldActivity.EHEALTH_BOOK));
            assertThat(flow.summary().today()).containsEntry("VNEID_L2_ACTIVATION", 1L).containsEntry("EHEALTH_BOOK", 1L);
            assertThat(flow.summary().records()).extracting(FieldState.Record::seq).containsExactly(2L, 1L);

            flow.voidRecord(2);

            assertThat(flow.state().message()).isEqualTo("VOIDED");
            assertThat(flow.summary().today()).containsEntry("VNEID_L2_ACTIVATION", 1L).containsEntry("EHEALTH_BOOK", 0L);
            assertThat(flow.summary().records()).extracting(FieldState.Record::voided).containsExactly(true, false);
            Event voiding = journal.read(3).orElseThrow().parse();
            assertThat(voiding.getVoidEvent().getVoidedSeq()).isEqualTo(2);
            assertThat(voiding.getVoidEvent().getReason()).isEqualTo(VoidReason.MISTAP);
            assertThat(journal.read(2).orElseThrow().parse().getFieldAssist().getActivity())
                    .as("the voided record itself is untouched").isEqualTo(FieldActivity.EHEALTH_BOOK);

            assertThatThrownBy(() -> flow.voidRecord(2)).isInstanceOfSatisfying(FlowException.class,
                    e -> assertThat(e.code()).isEqualTo("ALREADY_VOIDED"));
            assertThatThrownBy(() -> flow.voidRecord(3)).as("a void is no field record")
                    .isInstanceOfSatisfying(FlowException.class, e -> assertThat(e.code()).isEqualTo("VOID_NOT_FOUND"));
            assertThat(journal.lastSeq()).isEqualTo(3);
        }
    }
}
