package vn.kiosk06.hardware.identity;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A citizen ID card (CCCD / thẻ Căn cước) as read from its QR code or chip. Holds raw personal data: it must not
 * leave the hardware module, and {@link #toString()} redacts every personal field so that an accidental log line
 * cannot leak it.
 *
 * @param idNumber    the 12-digit personal ID number
 * @param oldIdNumber the old 9-digit CMND number, empty when the card has none
 * @param fullName    full name, UTF-8 with diacritics
 * @param birthDate   date of birth
 * @param sex         sex
 * @param address     place of residence; empty when the source (e.g. a chip frame) does not carry it
 * @param issueDate   date of issue, when the source carries it
 */
public record CitizenCard(
        String idNumber,
        Optional<String> oldIdNumber,
        String fullName,
        LocalDate birthDate,
        Sex sex,
        String address,
        Optional<LocalDate> issueDate) implements ParsedCard {

    private static final Pattern ID12 = Pattern.compile("\\d{12}");
    private static final Pattern ID9 = Pattern.compile("\\d{9}");

    public CitizenCard {
        Objects.requireNonNull(idNumber, "idNumber");
        Objects.requireNonNull(oldIdNumber, "oldIdNumber");
        Objects.requireNonNull(fullName, "fullName");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(sex, "sex");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(issueDate, "issueDate");
        // Messages give lengths, never the values: they may end up in a log.
        if (!ID12.matcher(idNumber).matches()) {
            throw new IllegalArgumentException("idNumber must be 12 digits, was " + idNumber.length() + " characters");
        }
        if (oldIdNumber.isPresent() && !ID9.matcher(oldIdNumber.get()).matches()) {
            throw new IllegalArgumentException("oldIdNumber must be 9 digits, was " + oldIdNumber.get().length() + " characters");
        }
        if (fullName.isBlank()) {
            throw new IllegalArgumentException("fullName must not be blank");
        }
    }

    @Override
    public String toString() {
        return "CitizenCard[redacted]";
    }
}
