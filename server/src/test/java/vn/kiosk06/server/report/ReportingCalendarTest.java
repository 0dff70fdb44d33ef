package vn.kiosk06.server.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ReportingCalendarTest {

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(ReportingPeriod.ZONE).toInstant();
    }

    private static ReportingPeriod days(String first, String last) {
        return new ReportingPeriod(LocalDate.parse(first), LocalDate.parse(last));
    }

    @ParameterizedTest(name = "{0} → {1}–{2}")
    @CsvSource({
        // seed 000: "6 tháng đầu năm 2026: Từ 11/12/2025 đến 10/6/2026"
        "'months:6@2025-12-11',             2025-12-11, 2026-06-10, 11/12/2025–10/6/2026",
        // seed 004: "tháng 01/2026 (Từ ngày 16/12/2025 đến ngày 15/01/2026)"
        "'month:16@2026-01',                2025-12-16, 2026-01-15, 16/12/2025–15/1/2026",
        // the brief's naming example: the month from the 11th that ends in June
        "'month:11@2026-06',                2026-05-11, 2026-06-10, 11/5/2026–10/6/2026",
        "'month:1@2026-02',                 2026-02-01, 2026-02-28, 1/2/2026–28/2/2026",
        "'month:1@2028-02',                 2028-02-01, 2028-02-29, 1/2/2028–29/2/2028",
        // seed 002: campaign peak "Từ ngày 23/6/2026 đến hết ngày 15/9/2026", weekly reports on Wednesdays
        "'window:2026-06-23..2026-09-15',   2026-06-23, 2026-09-15, 23/6/2026–15/9/2026",
        "'week:WED@2026-06-24',             2026-06-24, 2026-06-30, 24/6/2026–30/6/2026",
        "'week:wednesday@2026-06-28',       2026-06-24, 2026-06-30, 24/6/2026–30/6/2026",
        "'months:6@2026-01-01',             2026-01-01, 2026-06-30, 1/1/2026–30/6/2026",
        // seed 000: "Lũy kế Từ 06/02/2025 đến 10/6/2026"
        "'cumulative:2025-02-06..2026-06-10', 2025-02-06, 2026-06-10, 6/2/2025–10/6/2026",
    })
    void spec_seedPeriods_haveTheSeedsDays(String spec, LocalDate first, LocalDate last, String display) {
        ReportingPeriod period = PeriodSpec.parse(spec).period();
        assertThat(period).isEqualTo(new ReportingPeriod(first, last));
        assertThat(period.displayVi()).isEqualTo(display);
    }

    @Test
    void monthly_from11th_boundaryBetween10thAnd11thIsLocalMidnight() {
        ReportingCalendar.Monthly calendar = new ReportingCalendar.Monthly(11);
        ReportingPeriod june = calendar.endingIn(YearMonth.of(2026, 6));

        assertThat(calendar.periodAt(local("2026-06-10T23:59:59.999"))).isEqualTo(june);
        assertThat(calendar.periodAt(local("2026-06-11T00:00"))).isEqualTo(days("2026-06-11", "2026-07-10"));
        assertThat(june.end()).isEqualTo(local("2026-06-11T00:00"));
        assertThat(june.end()).isEqualTo(Instant.parse("2026-06-10T17:00:00Z"));
        assertThat(june.contains(local("2026-06-10T23:59:59.999"))).isTrue();
        assertThat(june.contains(june.end())).isFalse();
        assertThat(june.contains(june.start())).isTrue();
    }

    @Test
    void monthly_nextAndPrevious_crossTheYear() {
        ReportingCalendar.Monthly calendar = new ReportingCalendar.Monthly(16);
        ReportingPeriod jan = calendar.endingIn(YearMonth.of(2026, 1));

        assertThat(calendar.after(jan)).isEqualTo(days("2026-01-16", "2026-02-15"));
        assertThat(calendar.before(jan)).isEqualTo(days("2025-11-16", "2025-12-15"));
        assertThat(calendar.nameOf(jan)).isEqualTo(YearMonth.of(2026, 1));
    }

    @Test
    void monthly_startDayOutside1To28_isRefusedWithTheValue() {
        assertThatThrownBy(() -> new ReportingCalendar.Monthly(31))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1–28").hasMessageContaining("31");
        assertThatThrownBy(() -> new ReportingCalendar.Monthly(0)).hasMessageContaining("was 0");
    }

    @Test
    void weekly_wednesday_boundaryIsTuesdayMidnight() {
        ReportingCalendar.Weekly calendar = new ReportingCalendar.Weekly(DayOfWeek.WEDNESDAY);

        assertThat(calendar.periodAt(local("2026-06-23T23:59:59.999"))).isEqualTo(days("2026-06-17", "2026-06-23"));
        assertThat(calendar.periodAt(local("2026-06-24T00:00"))).isEqualTo(days("2026-06-24", "2026-06-30"));
    }

    @Test
    void multiMonth_seed000Span_nextIsTheSecondHalfYear() {
        ReportingCalendar.MultiMonth calendar = new ReportingCalendar.MultiMonth(6, LocalDate.of(2025, 12, 11));
        ReportingPeriod first = calendar.periodOn(LocalDate.of(2026, 3, 1));

        assertThat(first).isEqualTo(days("2025-12-11", "2026-06-10"));
        assertThat(calendar.after(first)).isEqualTo(days("2026-06-11", "2026-12-10"));
        assertThat(calendar.periodOn(LocalDate.of(2025, 12, 10))).isEqualTo(days("2025-06-11", "2025-12-10"));
    }

    @Test
    void multiMonth_anchorOn31st_clampsButStillTiles() {
        ReportingCalendar.MultiMonth calendar = new ReportingCalendar.MultiMonth(1, LocalDate.of(2026, 1, 31));

        assertThat(calendar.periodOn(LocalDate.of(2026, 2, 28))).isEqualTo(days("2026-02-28", "2026-03-30"));
        assertThat(calendar.periodOn(LocalDate.of(2026, 2, 27))).isEqualTo(days("2026-01-31", "2026-02-27"));
    }

    @Test
    void window_containsOnlyItsDays_andHasNoNeighbours() {
        ReportingCalendar.Window campaign = new ReportingCalendar.Window(days("2026-06-23", "2026-09-15"));

        assertThat(campaign.periodContaining(local("2026-06-22T23:59:59.999"))).isEmpty();
        assertThat(campaign.periodContaining(local("2026-06-23T00:00"))).contains(campaign.period());
        assertThat(campaign.periodContaining(local("2026-09-15T23:59:59.999"))).contains(campaign.period());
        assertThat(campaign.periodContaining(local("2026-09-16T00:00"))).isEmpty();
        assertThat(campaign.next(campaign.period())).isEmpty();
    }

    @Test
    void cumulative_throughThePeriod_startsOnGoLive() {
        ReportingCalendar.Cumulative sinceGoLive = new ReportingCalendar.Cumulative(LocalDate.of(2025, 2, 6));
        ReportingPeriod period = days("2025-12-11", "2026-06-10");

        assertThat(sinceGoLive.through(period)).isEqualTo(days("2025-02-06", "2026-06-10"));
        assertThat(sinceGoLive.periodContaining(local("2026-06-10T12:00"))).contains(days("2025-02-06", "2026-06-10"));
        assertThat(sinceGoLive.periodContaining(local("2025-02-05T23:59"))).isEmpty();
        assertThat(sinceGoLive.next(days("2025-02-06", "2026-06-10"))).contains(days("2025-02-06", "2026-06-11"));
    }

    @Test
    void period_lastDayBeforeFirst_isRefusedWithBothDays() {
        assertThatThrownBy(() -> days("2026-06-10", "2026-06-09"))
                .hasMessageContaining("2026-06-10").hasMessageContaining("2026-06-09");
    }
}
