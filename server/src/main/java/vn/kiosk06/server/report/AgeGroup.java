package vn.kiosk06.server.report;

/**
 * A citizen's age group at the event date, as the campaign targets split them (seed 002: 95% of
 * citizens from 14, 70% of pupils from 6 to under 14). Names match the v1 wire enum.
 */
public enum AgeGroup {
    /** Younger than 6. */
    AGE_UNDER_6("dưới 6 tuổi", "under 6"),
    /** From 6 to under 14 (pupils). */
    AGE_6_TO_13("từ đủ 6 tuổi đến dưới 14 tuổi", "aged 6–13"),
    /** 14 and older. */
    AGE_14_PLUS("từ đủ 14 tuổi trở lên", "aged 14 and over");

    private final String vietnamese;
    private final String english;

    AgeGroup(String vietnamese, String english) {
        this.vietnamese = vietnamese;
        this.english = english;
    }

    /** The phrase the reports use, e.g. "từ đủ 14 tuổi trở lên". */
    public String vietnamese() {
        return vietnamese;
    }

    /** The English phrase, e.g. "aged 14 and over". */
    public String english() {
        return english;
    }
}
