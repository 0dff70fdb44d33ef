package vn.kiosk06.hardware.qr;

import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Pattern;
import vn.kiosk06.hardware.identity.CitizenCard;
import vn.kiosk06.hardware.identity.CitizenIdNumber;
import vn.kiosk06.hardware.identity.FailureReason;
import vn.kiosk06.hardware.identity.ParsedCard;
import vn.kiosk06.hardware.identity.PayloadText;
import vn.kiosk06.hardware.identity.ReadRejected;
import vn.kiosk06.hardware.identity.Sex;

/**
 * Parses the QR code on the chip citizen ID card (CCCD, 2021; thẻ Căn cước, 2024): UTF-8,
 * {@code ID12|CMND9 or empty|full name|DOB DDMMYYYY|Nam or Nữ|address, with, commas|issue date DDMMYYYY}.
 * Fields are taken by index; the issue date may be absent or empty and extra trailing fields (added by the 2024
 * card) are ignored. The ID is checked against the birth date and sex.
 *
 * <p>Stateless and thread-safe. Never throws: every defect becomes a {@link vn.kiosk06.hardware.identity.FailedRead}.
 */
public final class CccdQrParser {
    /** Longest payload accepted; a real CCCD QR is a few hundred bytes. */
    public static final int MAX_BYTES = 2048;
    /** Fields up to and including the address; the issue date (7th) may be missing. */
    static final int MIN_FIELDS = 6;

    private static final Pattern OLD_ID = Pattern.compile("\\d{9}");

    private CccdQrParser() {
    }

    /** Parses raw scanner bytes. */
    public static ParsedCard parse(byte[] payload) {
        try {
            return parseText(PayloadText.decode(payload, MAX_BYTES));
        } catch (ReadRejected r) {
            return r.toFailedRead();
        }
    }

    /** Parses already decoded, stripped, NFC text (as {@link QrPayloadParser} hands it over). */
    static ParsedCard parseText(String text) {
        try {
            return card(text);
        } catch (ReadRejected r) {
            return r.toFailedRead();
        }
    }

    private static CitizenCard card(String text) {
        String[] f = text.split("\\|", -1);
        if (f.length < MIN_FIELDS) {
            throw new ReadRejected(FailureReason.WRONG_FIELD_COUNT);
        }
        String id = f[0].strip();
        if (!CitizenIdNumber.isWellFormed(id)) {
            throw new ReadRejected(FailureReason.ID_NOT_12_DIGITS);
        }
        String oldId = f[1].strip();
        if (!oldId.isEmpty() && !OLD_ID.matcher(oldId).matches()) {
            throw new ReadRejected(FailureReason.OLD_ID_NOT_9_DIGITS);
        }
        String name = f[2].strip();
        if (name.isEmpty()) {
            throw new ReadRejected(FailureReason.MISSING_NAME);
        }
        LocalDate birth = PayloadText.ddmmyyyy(f[3].strip());
        Sex sex = sex(f[4].strip());
        String address = f[5].strip();
        Optional<LocalDate> issued = Optional.empty();
        if (f.length > 6 && !f[6].isBlank()) {
            LocalDate issue = PayloadText.ddmmyyyy(f[6].strip());
            if (issue.isBefore(birth)) {
                throw new ReadRejected(FailureReason.BAD_DATE);
            }
            issued = Optional.of(issue);
        }
        CitizenIdNumber.checkConsistent(id, birth, sex);
        return new CitizenCard(id, oldId.isEmpty() ? Optional.empty() : Optional.of(oldId), name, birth, sex, address,
                issued);
    }

    static Sex sex(String text) {
        if (text.equalsIgnoreCase("Nam")) {
            return Sex.MALE;
        }
        if (text.equalsIgnoreCase("Nữ")) {
            return Sex.FEMALE;
        }
        throw new ReadRejected(FailureReason.BAD_SEX);
    }
}
