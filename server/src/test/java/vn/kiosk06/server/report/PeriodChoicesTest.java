package vn.kiosk06.server.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PeriodChoicesTest {

    static final LocalDate DEC_4 = LocalDate.of(2026, 12, 4); // a Friday

    Map<String, PeriodChoices.Choice> on(LocalDate today, Optional<LocalDate> goLive) {
        return PeriodChoices.on(today, goLive).stream().collect(Collectors.toMap(PeriodChoices.Choice::key, c -> c));
    }

    @Test
    void onDecember4_theDefaultIsTheLastCompletedMonth_11thTo10th_notTheOneRunningTo10December() {
        List<PeriodChoices.Choice> choices = PeriodChoices.on(DEC_4, Optional.empty());

        PeriodChoices.Choice first = choices.get(0);
        assertThat(first.key()).isEqualTo(PeriodChoices.DEFAULT);
        assertThat(first.spec().format()).isEqualTo("month:11@2026-11");
        assertThat(first.spec().period()).isEqualTo(new ReportingPeriod(LocalDate.of(2026, 10, 11), LocalDate.of(2026, 11, 10)));
        assertThat(first.finished()).isTrue();
    }

    @Test
    void lastWeek_isWednesdayToTuesday_beforeTheCurrentOne_andCurrentPeriodsAreMarkedNotOver() {
        Map<String, PeriodChoices.Choice> c = on(DEC_4, Optional.empty());

        assertThat(c.get("week-previous").spec().period())
                .isEqualTo(new ReportingPeriod(LocalDate.of(2026, 11, 25), LocalDate.of(2026, 12, 1)));
        assertThat(c.get("week-previous").finished()).isTrue();
        assertThat(c.get("month1-previous").spec().format()).isEqualTo("month:1@2026-11");
        assertThat(c.get("month11-current").spec().period().lastDay()).isEqualTo(LocalDate.of(2026, 12, 10));
        assertThat(c.get("month11-current").finished()).isFalse();
        assertThat(c.get("week-current").finished()).isFalse();
        assertThat(c).doesNotContainKey("cumulative");
    }

    @Test
    void cumulative_runsFromGoLiveToToday_onlyOnceLive() {
        assertThat(on(DEC_4, Optional.of(LocalDate.of(2025, 2, 6))).get("cumulative").spec().format())
                .isEqualTo("cumulative:2025-02-06..2026-12-04");
        assertThat(on(DEC_4, Optional.of(LocalDate.of(2027, 1, 1)))).doesNotContainKey("cumulative");
    }

    @Test
    void onThe11th_theMonthJustEndedIsTheDefault() {
        PeriodChoices.Choice first = PeriodChoices.on(LocalDate.of(2026, 12, 11), Optional.empty()).get(0);
        assertThat(first.spec().period()).isEqualTo(new ReportingPeriod(LocalDate.of(2026, 11, 11), LocalDate.of(2026, 12, 10)));
    }
}
