package vn.kiosk06.server.report;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;
import java.util.Optional;

/**
 * A way of cutting time into reporting periods: monthly from day D, weekly from a weekday, spans of N
 * months from an anchor date, one custom window, or cumulative since a date ("lũy kế").
 *
 * <p>The first three {@linkplain Tiling tile} the time line: every instant lies in exactly one period,
 * and each period ends where the next begins. A {@link Window} has one period only, and a
 * {@link Cumulative} calendar has one period per last day, all starting on the same date; for those,
 * {@link #periodContaining(Instant)} and {@link #next}/{@link #previous} may be empty. All days are local
 * days in {@link ReportingPeriod#ZONE}. Implementations are immutable records and thread-safe.
 *
 * <p>{@link PeriodSpec} gives the compact text form ({@code month:11@2026-06}, …) of a calendar and
 * one of its periods.
 */
public sealed interface ReportingCalendar
        permits ReportingCalendar.Tiling, ReportingCalendar.Window, ReportingCalendar.Cumulative {

    /** The period that contains the local day {@code day}, if this calendar has one. */
    Optional<ReportingPeriod> periodContaining(LocalDate day);

    /** The period that contains {@code instant} (a local day in Asia/Ho_Chi_Minh), if any. */
    default Optional<ReportingPeriod> periodContaining(Instant instant) {
        return periodContaining(LocalDate.ofInstant(instant, ReportingPeriod.ZONE));
    }

    /** The period after {@code period}, if this calendar has one. */
    Optional<ReportingPeriod> next(ReportingPeriod period);

    /** The period before {@code period}, if this calendar has one. */
    Optional<ReportingPeriod> previous(ReportingPeriod period);

    /**
     * A calendar whose periods tile time without gaps or overlaps, so lookups always succeed. The
     * {@code Optional} methods of {@link ReportingCalendar} are then always present.
     */
    sealed interface Tiling extends ReportingCalendar permits Monthly, Weekly, MultiMonth {

        /** The period containing the local day {@code day}. */
        ReportingPeriod periodOn(LocalDate day);

        /** The period containing {@code instant}. */
        default ReportingPeriod periodAt(Instant instant) {
            return periodOn(LocalDate.ofInstant(instant, ReportingPeriod.ZONE));
        }

        /** The period starting the day after {@code period} ends. */
        default ReportingPeriod after(ReportingPeriod period) {
            return periodOn(period.endExclusiveDay());
        }

        /** The period ending the day before {@code period} starts. */
        default ReportingPeriod before(ReportingPeriod period) {
            return periodOn(period.firstDay().minusDays(1));
        }

        @Override
        default Optional<ReportingPeriod> periodContaining(LocalDate day) {
            return Optional.of(periodOn(day));
        }

        @Override
        default Optional<ReportingPeriod> next(ReportingPeriod period) {
            return Optional.of(after(period));
        }

        @Override
        default Optional<ReportingPeriod> previous(ReportingPeriod period) {
            return Optional.of(before(period));
        }
    }

    /**
     * Months that start on day {@code startDay} (1–28) of each month and end the day before the same day
     * of the next month: with 16, "tháng 01/2026" is 16/12/2025–15/01/2026 (seed 004).
     *
     * <p>A month period is <em>named by the month of its last day</em>, as seed 004 names 16/12–15/01
     * "tháng 01/2026"; with start day 1 that is the ordinary calendar month. Days 29–31 are refused rather
     * than clamped, because "the 30th" does not exist in February and clamping would silently give that
     * committee a different calendar from the one it asked for.
     */
    record Monthly(int startDay) implements Tiling {

        public Monthly {
            if (startDay < 1 || startDay > 28) {
                throw new IllegalArgumentException("month start day must be 1–28 (29–31 do not exist in every"
                        + " month), was " + startDay);
            }
        }

        @Override
        public ReportingPeriod periodOn(LocalDate day) {
            LocalDate start = day.getDayOfMonth() >= startDay
                    ? day.withDayOfMonth(startDay)
                    : day.minusMonths(1).withDayOfMonth(startDay);
            return new ReportingPeriod(start, start.plusMonths(1).minusDays(1));
        }

        /** The period named {@code month}, i.e. the one whose last day falls in {@code month}. */
        public ReportingPeriod endingIn(YearMonth month) {
            return periodOn(startDay == 1 ? month.atDay(1) : month.atDay(startDay - 1));
        }

        /** The month a period of this calendar is named by: the month of its last day. */
        public YearMonth nameOf(ReportingPeriod period) {
            return YearMonth.from(period.lastDay());
        }
    }

    /** Weeks of seven days starting on {@code firstDay}, e.g. Wednesday for seed 002's weekly reports. */
    record Weekly(DayOfWeek firstDay) implements Tiling {

        public Weekly {
            Objects.requireNonNull(firstDay, "firstDay");
        }

        @Override
        public ReportingPeriod periodOn(LocalDate day) {
            LocalDate start = day.with(TemporalAdjusters.previousOrSame(firstDay));
            return new ReportingPeriod(start, start.plusDays(6));
        }
    }

    /**
     * Consecutive spans of {@code months} months, one of which starts on {@code anchor}: with 6 and
     * 11/12/2025 the span 11/12/2025–10/6/2026 of seed 000 ("6 tháng đầu năm").
     *
     * <p>Span k starts on {@code anchor.plusMonths(k × months)}. If the anchor day does not exist in some
     * month (the 31st) that start is clamped to the month's last day; spans still tile because each ends
     * where the next, computed from the same anchor, begins.
     */
    record MultiMonth(int months, LocalDate anchor) implements Tiling {

        public MultiMonth {
            if (months < 1 || months > 120) {
                throw new IllegalArgumentException("span length must be 1–120 months, was " + months);
            }
            Objects.requireNonNull(anchor, "anchor");
        }

        @Override
        public ReportingPeriod periodOn(LocalDate day) {
            long k = Math.floorDiv(ChronoUnit.MONTHS.between(anchor, day), months);
            // MONTHS.between truncates, and clamped starts can shift by a day: settle k by stepping.
            while (startOf(k).isAfter(day)) {
                k--;
            }
            while (!startOf(k + 1).isAfter(day)) {
                k++;
            }
            return new ReportingPeriod(startOf(k), startOf(k + 1).minusDays(1));
        }

        private LocalDate startOf(long k) {
            return anchor.plusMonths(k * months);
        }
    }

    /** One custom window of whole days, e.g. the campaign 23/6/2026–15/9/2026 (seed 002). */
    record Window(ReportingPeriod period) implements ReportingCalendar {

        public Window {
            Objects.requireNonNull(period, "period");
        }

        @Override
        public Optional<ReportingPeriod> periodContaining(LocalDate day) {
            return period.contains(day) ? Optional.of(period) : Optional.empty();
        }

        /** Always empty: a window has no neighbours. */
        @Override
        public Optional<ReportingPeriod> next(ReportingPeriod other) {
            return Optional.empty();
        }

        /** Always empty: a window has no neighbours. */
        @Override
        public Optional<ReportingPeriod> previous(ReportingPeriod other) {
            return Optional.empty();
        }
    }

    /**
     * Cumulative figures since {@code since} ("Lũy kế từ 06/02/2025 đến 10/6/2026"): one period per last
     * day, all starting on {@code since}. The day containing an instant is the last day of the cumulative
     * period "up to now"; next and previous move the last day by one day.
     */
    record Cumulative(LocalDate since) implements ReportingCalendar {

        public Cumulative {
            Objects.requireNonNull(since, "since");
        }

        /** The cumulative period from {@code since} through {@code lastDay} inclusive. */
        public ReportingPeriod through(LocalDate lastDay) {
            if (lastDay.isBefore(since)) {
                throw new IllegalArgumentException(
                        "cumulative last day must be on or after " + since + ", was " + lastDay);
            }
            return new ReportingPeriod(since, lastDay);
        }

        /** The cumulative period from {@code since} through the last day of {@code period}. */
        public ReportingPeriod through(ReportingPeriod period) {
            return through(period.lastDay());
        }

        @Override
        public Optional<ReportingPeriod> periodContaining(LocalDate day) {
            return day.isBefore(since) ? Optional.empty() : Optional.of(through(day));
        }

        @Override
        public Optional<ReportingPeriod> next(ReportingPeriod period) {
            return periodContaining(period.lastDay().plusDays(1));
        }

        @Override
        public Optional<ReportingPeriod> previous(ReportingPeriod period) {
            return periodContaining(period.lastDay().minusDays(1));
        }
    }
}
