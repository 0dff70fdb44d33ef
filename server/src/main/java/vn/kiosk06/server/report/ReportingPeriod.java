package vn.kiosk06.server.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A reporting period ("kỳ báo cáo"): whole local days in Asia/Ho_Chi_Minh, from {@link #firstDay()} to
 * {@link #lastDay()} inclusive, which is the half-open instant range [{@link #start()}, {@link #end()}).
 *
 * <p>The inclusive last day is what the reports print ("Từ 11/12/2025 đến 10/6/2026"); the half-open
 * instants are what the figures are filtered by, so that an event at 00:00 on the 11th belongs to the
 * next period and never to both. Immutable and thread-safe.
 */
public record ReportingPeriod(LocalDate firstDay, LocalDate lastDay) {

    /** The zone all reporting days are counted in. Vietnam has had no DST since 1975, so days are 24 h. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    public ReportingPeriod {
        Objects.requireNonNull(firstDay, "firstDay");
        Objects.requireNonNull(lastDay, "lastDay");
        if (lastDay.isBefore(firstDay)) {
            throw new IllegalArgumentException(
                    "lastDay must be on or after firstDay " + firstDay + ", was " + lastDay);
        }
    }

    /** The first instant of the period (00:00 local on the first day), inclusive. */
    public Instant start() {
        return firstDay.atStartOfDay(ZONE).toInstant();
    }

    /** The first instant after the period (00:00 local on the day after the last day), exclusive. */
    public Instant end() {
        return lastDay.plusDays(1).atStartOfDay(ZONE).toInstant();
    }

    /** Whether {@code instant} is in [start, end). */
    public boolean contains(Instant instant) {
        return !instant.isBefore(start()) && instant.isBefore(end());
    }

    /** Whether the local day {@code day} is one of the period's days. */
    public boolean contains(LocalDate day) {
        return !day.isBefore(firstDay) && !day.isAfter(lastDay);
    }

    /** Number of days in the period, at least 1. */
    public long days() {
        return ChronoUnit.DAYS.between(firstDay, lastDay) + 1;
    }

    /** The day after the last day: the first day of whatever follows. */
    public LocalDate endExclusiveDay() {
        return lastDay.plusDays(1);
    }

    /** Vietnamese display with the inclusive last day, as the seeds print it: {@code 11/12/2025–10/6/2026}. */
    public String displayVi() {
        return VietnameseDates.shortDate(firstDay) + "–" + VietnameseDates.shortDate(lastDay);
    }
}
