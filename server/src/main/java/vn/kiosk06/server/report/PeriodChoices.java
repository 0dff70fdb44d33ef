package vn.kiosk06.server.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The periods a person picks from on the report page, worked out for one day: the last completed and the current
 * month (11th → 10th, as the seeds' committees report), week (from Wednesday, the weekly report day of seed 002)
 * and calendar month, and the cumulative span since go-live. The last completed month comes first and is the
 * default: on 04/12 the current month runs to 10/12, and an official text must not give figures "đến 10/12". Pure.
 */
public final class PeriodChoices {

    /** One choice: a stable key, labels, the period spec, and whether the period is over by {@code today}. */
    public record Choice(String key, String labelVi, String labelEn, PeriodSpec spec, boolean finished) {
        public Choice {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(spec, "spec");
        }
    }

    /** The key of the default choice: the last completed month. */
    public static final String DEFAULT = "month11-previous";

    private PeriodChoices() {
    }

    /** The choices on {@code today}; cumulative only when the unit has a go-live date on or before today. */
    public static List<Choice> on(LocalDate today, Optional<LocalDate> goLive) {
        List<Choice> out = new ArrayList<>();
        ReportingCalendar.Monthly month11 = new ReportingCalendar.Monthly(11);
        ReportingCalendar.Weekly week = new ReportingCalendar.Weekly(DayOfWeek.WEDNESDAY);
        ReportingCalendar.Monthly month1 = new ReportingCalendar.Monthly(1);
        out.add(choice("month11-previous", "Tháng trước (11 → 10)", "Last month (11th → 10th)", month11,
                month11.before(month11.periodOn(today)), today));
        out.add(choice("week-previous", "Tuần trước (thứ Tư → thứ Ba)", "Last week (Wed → Tue)", week,
                week.before(week.periodOn(today)), today));
        out.add(choice("month1-previous", "Tháng dương lịch trước", "Last calendar month", month1,
                month1.before(month1.periodOn(today)), today));
        out.add(choice("month11-current", "Tháng này (11 → 10), chưa hết kỳ", "This month (11th → 10th), not over",
                month11, month11.periodOn(today), today));
        out.add(choice("week-current", "Tuần này, chưa hết kỳ", "This week, not over", week, week.periodOn(today), today));
        out.add(choice("month1-current", "Tháng dương lịch này, chưa hết kỳ", "This calendar month, not over", month1,
                month1.periodOn(today), today));
        goLive.filter(d -> !d.isAfter(today)).ifPresent(since -> out.add(choice("cumulative",
                "Lũy kế từ ngày hoạt động đến hôm nay", "Cumulative since go-live, to today",
                new ReportingCalendar.Cumulative(since), new ReportingPeriod(since, today), today)));
        return List.copyOf(out);
    }

    private static Choice choice(String key, String vi, String en, ReportingCalendar calendar, ReportingPeriod period,
                                 LocalDate today) {
        return new Choice(key, vi, en, new PeriodSpec(calendar, period), period.lastDay().isBefore(today));
    }
}
