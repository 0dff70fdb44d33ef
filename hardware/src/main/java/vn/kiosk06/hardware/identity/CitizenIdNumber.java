package vn.kiosk06.hardware.identity;

import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * Rules of the 12-digit personal ID number: digits 1–3 province of birth registration, digit 4 century and sex
 * (1900s: 0 male / 1 female; 2000s: 2/3; 2100s: 4/5 …), digits 5–6 the last two digits of the birth year, 7–12
 * random. Stateless and thread-safe.
 */
public final class CitizenIdNumber {
    private static final Pattern ID12 = Pattern.compile("\\d{12}");

    private CitizenIdNumber() {
    }

    /** True if {@code candidate} is exactly 12 ASCII digits. */
    public static boolean isWellFormed(String candidate) {
        return candidate != null && ID12.matcher(candidate).matches();
    }

    /** The century/sex digit (digit 4) for a birth year and sex, e.g. 1990 female → 1, 2005 male → 2. */
    public static int centurySexDigit(int birthYear, Sex sex) {
        int centuryIndex = birthYear / 100 - 19;
        if (centuryIndex < 0 || centuryIndex > 4) {
            throw new IllegalArgumentException("birth year must be in 1900..2399, was " + birthYear);
        }
        return centuryIndex * 2 + (sex == Sex.FEMALE ? 1 : 0);
    }

    /**
     * Checks an ID against the birth date and sex printed beside it.
     *
     * @throws ReadRejected ID_NOT_12_DIGITS, ID_CENTURY_SEX_MISMATCH or ID_BIRTH_YEAR_MISMATCH
     */
    public static void checkConsistent(String id, LocalDate birthDate, Sex sex) {
        if (!isWellFormed(id)) {
            throw new ReadRejected(FailureReason.ID_NOT_12_DIGITS);
        }
        int year = birthDate.getYear();
        if (year < 1900 || year > 2399) {
            throw new ReadRejected(FailureReason.ID_CENTURY_SEX_MISMATCH);
        }
        if (id.charAt(3) - '0' != centurySexDigit(year, sex)) {
            throw new ReadRejected(FailureReason.ID_CENTURY_SEX_MISMATCH);
        }
        int yy = (id.charAt(4) - '0') * 10 + (id.charAt(5) - '0');
        if (yy != year % 100) {
            throw new ReadRejected(FailureReason.ID_BIRTH_YEAR_MISMATCH);
        }
    }
}
