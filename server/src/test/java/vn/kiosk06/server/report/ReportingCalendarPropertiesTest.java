package vn.kiosk06.server.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every tiling calendar puts each instant in exactly one period, and its periods tile without gaps. */
class ReportingCalendarPropertiesTest {

    // 2000-01-01 to 2100-01-01 UTC, millisecond precision.
    private static final long FROM = 946_684_800_000L;
    private static final long TO = 4_102_444_800_000L;

    @Provide
    Arbitrary<ReportingCalendar.Tiling> calendars() {
        Arbitrary<ReportingCalendar.Tiling> monthly =
                Arbitraries.integers().between(1, 28).map(ReportingCalendar.Monthly::new);
        Arbitrary<ReportingCalendar.Tiling> weekly =
                Arbitraries.of(DayOfWeek.class).map(ReportingCalendar.Weekly::new);
        Arbitrary<LocalDate> anchors = Arbitraries.longs().between(
                LocalDate.of(2000, 1, 1).toEpochDay(), LocalDate.of(2099, 12, 31).toEpochDay()).map(LocalDate::ofEpochDay);
        Arbitrary<ReportingCalendar.Tiling> multi = Combinators.combine(Arbitraries.integers().between(1, 24), anchors)
                .as(ReportingCalendar.MultiMonth::new);
        return Arbitraries.oneOf(monthly, weekly, multi);
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(FROM, TO).map(Instant::ofEpochMilli)
                .edgeCases(c -> c.add(Instant.parse("2026-06-10T16:59:59.999Z")));
    }

    @Property(tries = 2000)
    void eachInstant_liesInExactlyOnePeriod(@ForAll("calendars") ReportingCalendar.Tiling calendar,
            @ForAll("instants") Instant instant) {
        ReportingPeriod period = calendar.periodAt(instant);
        assertThat(period.contains(instant)).isTrue();
        // The neighbours do not contain it, and they are the only candidates since periods tile (below).
        assertThat(calendar.after(period).contains(instant)).isFalse();
        assertThat(calendar.before(period).contains(instant)).isFalse();
        // Every instant of the period maps back to the same period.
        assertThat(calendar.periodAt(period.start())).isEqualTo(period);
        assertThat(calendar.periodAt(period.end().minusMillis(1))).isEqualTo(period);
    }

    @Property(tries = 500)
    void consecutivePeriods_tileWithoutGapsOrOverlaps(@ForAll("calendars") ReportingCalendar.Tiling calendar,
            @ForAll("instants") Instant instant) {
        List<ReportingPeriod> run = new ArrayList<>();
        ReportingPeriod p = calendar.periodAt(instant);
        for (int i = 0; i < 14; i++) {
            run.add(p);
            p = calendar.after(p);
        }
        for (int i = 1; i < run.size(); i++) {
            assertThat(run.get(i).start()).isEqualTo(run.get(i - 1).end());
            assertThat(run.get(i).firstDay()).isEqualTo(run.get(i - 1).lastDay().plusDays(1));
            assertThat(calendar.before(run.get(i))).isEqualTo(run.get(i - 1));
        }
    }
}
