package vn.kiosk06.hardware.identity;

import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;

/**
 * Age bands the campaign reports use: pupils 6–14 are counted apart from citizens 14 and over. "6 to 13" means
 * 6 up to but not including the 14th birthday.
 */
public enum AgeGroup {
    UNDER_6("UNDER_6"),
    AGE_6_TO_13("6_TO_13"),
    AGE_14_PLUS("14_PLUS");

    private final String label;

    AgeGroup(String label) {
        this.label = label;
    }

    /** The label reports and the wire use, e.g. {@code 6_TO_13}. */
    public String label() {
        return label;
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
            return UNDER_6;
        }
        return years < 14 ? AGE_6_TO_13 : AGE_14_PLUS;
    }
}
