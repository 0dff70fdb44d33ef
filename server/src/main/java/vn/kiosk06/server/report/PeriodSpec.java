package vn.kiosk06.server.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A reporting calendar with one of its periods, written as a compact string for the CLI and REST API.
 *
 * <table>
 * <caption>Period spec forms</caption>
 * <tr><th>spec</th><th>meaning</th></tr>
 * <tr><td>{@code month:D@yyyy-MM}</td><td>the month starting on day D (1–28) that is <em>named</em>
 *     yyyy-MM, i.e. whose last day falls in that month: {@code month:11@2026-06} = 11/5/2026–10/6/2026,
 *     {@code month:16@2026-01} = 16/12/2025–15/1/2026 (seed 004's "tháng 01/2026"),
 *     {@code month:1@2026-06} = 1/6/2026–30/6/2026</td></tr>
 * <tr><td>{@code week:DOW@yyyy-MM-dd}</td><td>the week starting on weekday DOW (MON…SUN, or the full
 *     English name) that contains the date: {@code week:WED@2026-06-24} = 24/6–30/6/2026</td></tr>
 * <tr><td>{@code months:N@yyyy-MM-dd}</td><td>N months (1–120) starting on the date, in a calendar of
 *     consecutive N-month spans anchored there: {@code months:6@2025-12-11} = 11/12/2025–10/6/2026</td></tr>
 * <tr><td>{@code window:yyyy-MM-dd..yyyy-MM-dd}</td><td>a custom window, both days inclusive:
 *     {@code window:2026-06-23..2026-09-15}</td></tr>
 * <tr><td>{@code cumulative:yyyy-MM-dd..yyyy-MM-dd}</td><td>cumulative since the first date through the
 *     second, inclusive: {@code cumulative:2025-02-06..2026-06-10}</td></tr>
 * </table>
 *
 * <p>Kinds and weekday names are case-insensitive; surrounding blanks are ignored. {@link #format()}
 * gives the canonical spec back ({@code week:} with the week's first day). Immutable and thread-safe.
 */
public record PeriodSpec(ReportingCalendar calendar, ReportingPeriod period) {

    private static final String FORMS = "month:<day 1–28>@<yyyy-MM>, week:<MON…SUN>@<yyyy-MM-dd>,"
            + " months:<1–120>@<yyyy-MM-dd>, window:<yyyy-MM-dd>..<yyyy-MM-dd>"
            + " or cumulative:<yyyy-MM-dd>..<yyyy-MM-dd>";

    public PeriodSpec {
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(period, "period");
    }

    /**
     * Parses a spec such as {@code month:11@2026-06}.
     *
     * @throws PeriodSpecException naming the bad part and the expected form
     */
    public static PeriodSpec parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        String text = spec.strip();
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw bad(spec, "no kind before ':'", FORMS);
        }
        String kind = text.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = text.substring(colon + 1);
        switch (kind) {
            case "month": {
                String form = "month:<day 1–28>@<yyyy-MM>, e.g. month:11@2026-06";
                String[] parts = split(spec, rest, "@", form);
                int day = integer(spec, parts[0], "start day", 1, 28, form);
                YearMonth month = yearMonth(spec, parts[1], form);
                ReportingCalendar.Monthly calendar = new ReportingCalendar.Monthly(day);
                return new PeriodSpec(calendar, calendar.endingIn(month));
            }
            case "week": {
                String form = "week:<MON…SUN>@<yyyy-MM-dd>, e.g. week:WED@2026-06-24";
                String[] parts = split(spec, rest, "@", form);
                ReportingCalendar.Weekly calendar = new ReportingCalendar.Weekly(dayOfWeek(spec, parts[0], form));
                return new PeriodSpec(calendar, calendar.periodOn(date(spec, parts[1], form)));
            }
            case "months": {
                String form = "months:<1–120>@<yyyy-MM-dd>, e.g. months:6@2025-12-11";
                String[] parts = split(spec, rest, "@", form);
                int months = integer(spec, parts[0], "span length", 1, 120, form);
                LocalDate anchor = date(spec, parts[1], form);
                ReportingCalendar.MultiMonth calendar = new ReportingCalendar.MultiMonth(months, anchor);
                return new PeriodSpec(calendar, calendar.periodOn(anchor));
            }
            case "window": {
                String form = "window:<yyyy-MM-dd>..<yyyy-MM-dd>, e.g. window:2026-06-23..2026-09-15";
                ReportingPeriod period = range(spec, rest, form);
                return new PeriodSpec(new ReportingCalendar.Window(period), period);
            }
            case "cumulative": {
                String form = "cumulative:<yyyy-MM-dd>..<yyyy-MM-dd>, e.g. cumulative:2025-02-06..2026-06-10";
                ReportingPeriod period = range(spec, rest, form);
                return new PeriodSpec(new ReportingCalendar.Cumulative(period.firstDay()), period);
            }
            default:
                throw bad(spec, "unknown kind \"" + kind + "\"", FORMS);
        }
    }

    /** The canonical spec string; {@code parse(format())} gives an equal spec. */
    public String format() {
        if (calendar instanceof ReportingCalendar.Monthly monthly) {
            return "month:" + monthly.startDay() + "@" + monthly.nameOf(period);
        }
        if (calendar instanceof ReportingCalendar.Weekly weekly) {
            return "week:" + weekly.firstDay().name().substring(0, 3) + "@" + period.firstDay();
        }
        if (calendar instanceof ReportingCalendar.MultiMonth multi) {
            return "months:" + multi.months() + "@" + period.firstDay();
        }
        String kind = calendar instanceof ReportingCalendar.Window ? "window:" : "cumulative:";
        return kind + period.firstDay() + ".." + period.lastDay();
    }

    /** The period after this one in the same calendar, if the calendar has one. */
    public Optional<PeriodSpec> next() {
        return calendar.next(period).map(p -> new PeriodSpec(calendar, p));
    }

    /** The period before this one in the same calendar, if the calendar has one. */
    public Optional<PeriodSpec> previous() {
        return calendar.previous(period).map(p -> new PeriodSpec(calendar, p));
    }

    private static String[] split(String spec, String rest, String separator, String form) {
        int at = rest.indexOf(separator);
        if (at < 0 || rest.indexOf(separator, at + separator.length()) >= 0) {
            throw bad(spec, "\"" + rest + "\" needs exactly one '" + separator + "'", form);
        }
        return new String[] {rest.substring(0, at), rest.substring(at + separator.length())};
    }

    private static ReportingPeriod range(String spec, String rest, String form) {
        String[] parts = split(spec, rest, "..", form);
        LocalDate first = date(spec, parts[0], form);
        LocalDate last = date(spec, parts[1], form);
        if (last.isBefore(first)) {
            throw bad(spec, "end " + last + " is before start " + first, form);
        }
        return new ReportingPeriod(first, last);
    }

    private static int integer(String spec, String text, String what, int min, int max, String form) {
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw bad(spec, what + " \"" + text + "\" is not a number", form);
        }
        if (value < min || value > max) {
            throw bad(spec, what + " \"" + text + "\" must be " + min + "–" + max, form);
        }
        return value;
    }

    private static LocalDate date(String spec, String text, String form) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw bad(spec, "date \"" + text + "\" is not a valid yyyy-MM-dd date", form);
        }
    }

    private static YearMonth yearMonth(String spec, String text, String form) {
        try {
            return YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw bad(spec, "month \"" + text + "\" is not a valid yyyy-MM month", form);
        }
    }

    private static DayOfWeek dayOfWeek(String spec, String text, String form) {
        String upper = text.toUpperCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().equals(upper) || day.name().substring(0, 3).equals(upper)) {
                return day;
            }
        }
        throw bad(spec, "weekday \"" + text + "\" is not one of MON, TUE, WED, THU, FRI, SAT, SUN", form);
    }

    private static PeriodSpecException bad(String spec, String problem, String form) {
        return new PeriodSpecException(
                "bad period spec \"" + spec + "\": " + problem + "; expected " + form);
    }
}
