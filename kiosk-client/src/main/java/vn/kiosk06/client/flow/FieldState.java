package vn.kiosk06.client.flow;

import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Map;

/**
 * One snapshot of the handheld's screen. The citizen appears only as where the data came from, age group and sex.
 *
 * @param screen   SHIFT (pick team and area), CITIZEN (record help) or SUMMARY
 * @param version  grows with every change
 * @param teams    the teams to pick from
 * @param areas    the areas to pick from
 * @param team     the shift's team, null before it is picked
 * @param area     the shift's area, null before it is picked
 * @param citizen  the citizen being recorded, null before a scan or entry
 * @param message  a notice code (SAVED, READ_FAILED, NO_ACTIVITY, …), or null
 * @param saved    activities saved by the last save (for "Đã lưu 3 hoạt động")
 */
public record FieldState(String screen, long version, List<String> teams, List<String> areas, @Nullable String team,
                         @Nullable String area, @Nullable CitizenView citizen, @Nullable String message, int saved) {

    /**
     * @param source   CARD (CCCD QR / chip) or NO_CARD (birth year and sex typed)
     * @param ageGroup 14_PLUS, 6_TO_13 or UNDER_6
     * @param sex      MALE or FEMALE
     */
    public record CitizenView(String source, String ageGroup, String sex) {
    }

    /**
     * Help recorded on this device.
     *
     * @param day       the day (yyyy-MM-dd)
     * @param weekStart the Monday the week starts on
     * @param today     count per activity today
     * @param week      count per activity this week
     * @param records   today's saved records, newest first (voided ones marked, not removed)
     */
    public record Summary(String day, String weekStart, Map<String, Long> today, Map<String, Long> week,
                          List<Record> records) {
    }

    /**
     * One saved activity in today's list.
     *
     * @param seq      its journal seq, what a void names
     * @param time     HH:mm saved
     * @param activity the activity's enum name
     * @param ageGroup the age group's enum name (AGE_14_PLUS …)
     * @param voided   whether the worker voided it
     */
    public record Record(long seq, String time, String activity, String ageGroup, boolean voided) {
    }
}
