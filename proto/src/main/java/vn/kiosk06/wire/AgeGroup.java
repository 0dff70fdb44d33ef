package vn.kiosk06.wire;

import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;

/**
 * A citizen's age group at the event date, the only trace of a birth date that leaves the card reader: the campaign
 * counts pupils from 6 to under 14 apart from citizens 14 and over (targets: 95 % of citizens from 14, 70 % of pupils).
 * "6 to 13" means 6 up to but not including the 14th birthday. Constant names match the v1 wire enum
 * ({@code kiosk06.sync.v1.AgeGroup}); the phrases are the ones the official reports use.
 */
public enum AgeGroup {
    /** Younger than 6. */
    AGE_UNDER_6("UNDER_6", "dưới 6 tuổi", "under 6"),
    /** From 6 to under 14 (pupils). */
    AGE_6_TO_13("6_TO_13", "từ đủ 6 tuổi đến dưới 14 tuổi", "aged 6–13"),
    /** 14 and older. */
    AGE_14_PLUS("14_PLUS", "từ đủ 14 tuổi trở lên", "aged 14 and over");

    private final String label;
    private final String vietnamese;
    private final String english;

    AgeGroup(String label, String vietnamese, String english) {
        this.label = label;
        this.vietnamese = vietnamese;
        this.english = english;
    }

    /** The short label the device's UI and local API use, e.g. {@code 6_TO_13}. */
    public String label() {
        return label;
    }

    /** The phrase the reports use, e.g. "từ đủ 14 tuổi trở lên". */
    public String vietnamese() {
        return vietnamese;
    }

    /** The English phrase, e.g. "aged 14 and over". */
    public String english() {
        return english;
    }

    /**
     * Age group on {@code eventDate} of someone born on {@code birthDate}.
     *
     * @throws IllegalArgumentException if the birth date is after the event date
     */
    public static AgeGroup of(LocalDate birthDate, LocalDate eventDate) {
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(eventDate, "eventDate");
        if (birthDate.isAfter(eventDate)) {
            // The date itself is personal data: say only what was wrong.
            throw new IllegalArgumentException("birth date must not be after the event date " + eventDate);
        }
        int years = Period.between(birthDate, eventDate).getYears();
        if (years < 6) {
            return AGE_UNDER_6;
        }
        return years < 14 ? AGE_6_TO_13 : AGE_14_PLUS;
    }
}
