package vn.kiosk06.hardware.printer;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * What goes on a queue ticket. Carries no personal data: the patient is identified at the counter by the
 * transaction code.
 *
 * @param queueNumber     the queue number, printed double size (e.g. {@code "A023"})
 * @param transactionCode the transaction code (mã giao dịch), printed as text and as a QR code
 * @param department      the clinic / department (Vietnamese allowed; folded to ASCII on paper)
 * @param facilityName    the hospital or health centre
 * @param issuedAt        local date and time of issue
 */
public record Ticket(String queueNumber, String transactionCode, String department, String facilityName,
        LocalDateTime issuedAt) {

    /** Longest transaction code; keeps the QR code small enough for 58 mm paper. */
    public static final int MAX_CODE_LENGTH = 64;

    public Ticket {
        Objects.requireNonNull(queueNumber, "queueNumber");
        Objects.requireNonNull(transactionCode, "transactionCode");
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(facilityName, "facilityName");
        Objects.requireNonNull(issuedAt, "issuedAt");
        if (queueNumber.isBlank() || queueNumber.length() > 8) {
            throw new IllegalArgumentException("queueNumber must be 1..8 characters, was \"" + queueNumber + "\"");
        }
        if (!transactionCode.matches("[A-Za-z0-9._-]{1," + MAX_CODE_LENGTH + "}")) {
            throw new IllegalArgumentException(
                    "transactionCode must be 1.." + MAX_CODE_LENGTH + " of [A-Za-z0-9._-], was \"" + transactionCode + "\"");
        }
    }
}
