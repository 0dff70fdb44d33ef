package vn.kiosk06.hardware.identity;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A health-insurance (BHYT) card as read from its QR code. Holds raw personal data: it must not leave the hardware
 * module, and {@link #toString()} redacts it.
 *
 * @param cardNumber the BHYT number, 10 digits or the 15-character code (see {@link BhytNumber})
 * @param fullName   full name, decoded from the QR's hex field
 * @param birthDate  date of birth
 * @param sex        sex
 * @param address    address, decoded from the QR's hex field (may be empty)
 */
public record HealthInsuranceCard(String cardNumber, String fullName, LocalDate birthDate, Sex sex, String address)
        implements ParsedCard {

    public HealthInsuranceCard {
        Objects.requireNonNull(cardNumber, "cardNumber");
        Objects.requireNonNull(fullName, "fullName");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(sex, "sex");
        Objects.requireNonNull(address, "address");
        if (!BhytNumber.isValid(cardNumber)) {
            throw new IllegalArgumentException(
                    "cardNumber must be 10 digits or the 15-character BHYT code, was " + cardNumber.length() + " characters");
        }
        if (fullName.isBlank()) {
            throw new IllegalArgumentException("fullName must not be blank");
        }
    }

    @Override
    public String toString() {
        return "HealthInsuranceCard[redacted]";
    }
}
