package vn.kiosk06.hardware.qr;

import java.text.Normalizer;
import java.time.LocalDate;
import vn.kiosk06.hardware.identity.BhytNumber;
import vn.kiosk06.hardware.identity.FailureReason;
import vn.kiosk06.hardware.identity.HealthInsuranceCard;
import vn.kiosk06.hardware.identity.ParsedCard;
import vn.kiosk06.hardware.identity.PayloadText;
import vn.kiosk06.hardware.identity.ReadRejected;
import vn.kiosk06.hardware.identity.Sex;

/**
 * Parses the QR code on a health-insurance (BHYT) card:
 * {@code number|hex(UTF-8 name)|DOB dd/MM/yyyy|sex 1=male 2=female|hex(UTF-8 address)|…further fields…|$}.
 * The number is 10 digits or the 15-character code; the payload must end with {@code $}. Fields after the
 * address (registered facility, validity dates, checksum) are tolerated and ignored: the kiosk checks validity
 * online.
 *
 * <p>Stateless and thread-safe. Never throws: every defect becomes a {@link vn.kiosk06.hardware.identity.FailedRead}.
 */
public final class BhytQrParser {
    /** Longest payload accepted. */
    public static final int MAX_BYTES = 2048;
    /** Number, name, DOB, sex, address. */
    static final int MIN_FIELDS = 5;

    private BhytQrParser() {
    }

    /** Parses raw scanner bytes. */
    public static ParsedCard parse(byte[] payload) {
        try {
            return parseText(PayloadText.decode(payload, MAX_BYTES));
        } catch (ReadRejected r) {
            return r.toFailedRead();
        }
    }

    /** Parses already decoded, stripped, NFC text. */
    static ParsedCard parseText(String text) {
        try {
            return card(text);
        } catch (ReadRejected r) {
            return r.toFailedRead();
        }
    }

    private static HealthInsuranceCard card(String text) {
        if (!text.endsWith("$")) {
            throw new ReadRejected(FailureReason.MISSING_TERMINATOR);
        }
        String body = text.substring(0, text.length() - 1);
        if (body.endsWith("|")) {
            body = body.substring(0, body.length() - 1);
        }
        String[] f = body.split("\\|", -1);
        if (f.length < MIN_FIELDS) {
            throw new ReadRejected(FailureReason.WRONG_FIELD_COUNT);
        }
        String number = f[0].strip();
        if (!BhytNumber.isValid(number)) {
            throw new ReadRejected(FailureReason.BAD_BHYT_NUMBER);
        }
        String name = hexText(f[1].strip()).strip();
        if (name.isEmpty()) {
            throw new ReadRejected(FailureReason.MISSING_NAME);
        }
        LocalDate birth = PayloadText.slashed(f[2].strip());
        Sex sex = switch (f[3].strip()) {
            case "1" -> Sex.MALE;
            case "2" -> Sex.FEMALE;
            default -> throw new ReadRejected(FailureReason.BAD_SEX);
        };
        String address = hexText(f[4].strip()).strip();
        return new HealthInsuranceCard(number, name, birth, sex, address);
    }

    /** Decodes a hex field into NFC text, rejecting odd length, non-hex digits, bad UTF-8 and control characters. */
    static String hexText(String hex) {
        if (hex.length() % 2 != 0) {
            throw new ReadRejected(FailureReason.BAD_HEX_FIELD);
        }
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            int hi = Character.digit(hex.charAt(2 * i), 16);
            int lo = Character.digit(hex.charAt(2 * i + 1), 16);
            // Character.digit accepts non-ASCII digits (e.g. Arabic-Indic); the QR only ever holds ASCII hex.
            if (hi < 0 || lo < 0 || hex.charAt(2 * i) > 'f' || hex.charAt(2 * i + 1) > 'f') {
                throw new ReadRejected(FailureReason.BAD_HEX_FIELD);
            }
            bytes[i] = (byte) (hi << 4 | lo);
        }
        String text = PayloadText.strictUtf8(bytes, FailureReason.BAD_HEX_FIELD);
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw new ReadRejected(FailureReason.BAD_HEX_FIELD);
            }
        }
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }
}
