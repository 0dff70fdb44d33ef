package vn.kiosk06.client.payment;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * A dynamic VietQR (NAPAS, EMVCo merchant-presented) payment code: the text a bank app reads from the QR to
 * pre-fill a transfer of {@code amountVnd} to {@code account} at the bank {@code bin}, with {@code note} as the
 * transfer message. Layout (id + 2-digit length + value):
 * {@code 00=01, 01=12, 38={00=A000000727, 01={00=BIN, 01=account}, 02=QRIBFTTA}, 53=704, 54=amount, 58=VN,
 * 62={08=note}, 63=CRC-16/CCITT-FALSE} where the CRC covers everything before it including the literal "6304".
 *
 * @param bin       the bank's 6-digit NAPAS BIN
 * @param account   the beneficiary account, 1–19 letters or digits
 * @param amountVnd the amount in đồng, 1–9,999,999,999,999
 * @param note      the transfer note, 1–25 characters of [A-Za-z0-9 -] (bank apps drop anything else)
 */
public record VietQr(String bin, String account, long amountVnd, String note) {

    /** NAPAS's application id for VietQR. */
    static final String NAPAS_GUID = "A000000727";
    /** Service code: transfer to an account ("QR inter-bank fund transfer to account"). */
    static final String TO_ACCOUNT = "QRIBFTTA";

    public VietQr {
        Objects.requireNonNull(bin, "bin");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(note, "note");
        if (!bin.matches("\\d{6}")) {
            throw new IllegalArgumentException("bin must be 6 digits, was '" + bin + "'");
        }
        if (!account.matches("[0-9A-Za-z]{1,19}")) {
            throw new IllegalArgumentException("account must be 1–19 letters or digits, was " + account.length() + " characters");
        }
        if (amountVnd < 1 || amountVnd > 9_999_999_999_999L) {
            throw new IllegalArgumentException("amountVnd must be 1–9999999999999, was " + amountVnd);
        }
        if (!note.matches("[A-Za-z0-9 -]{1,25}")) {
            throw new IllegalArgumentException("note must be 1–25 characters of [A-Za-z0-9 -], was '" + note + "'");
        }
    }

    /** The EMVCo payload string to put in the QR code. */
    public String payload() {
        String beneficiary = tlv("00", bin) + tlv("01", account);
        String merchant = tlv("00", NAPAS_GUID) + tlv("01", beneficiary) + tlv("02", TO_ACCOUNT);
        String body = tlv("00", "01")
                + tlv("01", "12")
                + tlv("38", merchant)
                + tlv("53", "704")
                + tlv("54", Long.toString(amountVnd))
                + tlv("58", "VN")
                + tlv("62", tlv("08", note))
                + "6304";
        return body + String.format(Locale.ROOT, "%04X", crc16(body));
    }

    private static String tlv(String id, String value) {
        if (value.length() > 99) {
            throw new IllegalArgumentException("field " + id + " is " + value.length() + " characters, at most 99 fit");
        }
        return id + String.format(Locale.ROOT, "%02d", value.length()) + value;
    }

    /** CRC-16/CCITT-FALSE: polynomial 0x1021, initial 0xFFFF, no reflection, no final xor. */
    static int crc16(String text) {
        int crc = 0xFFFF;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            crc ^= (b & 0xFF) << 8;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
                crc &= 0xFFFF;
            }
        }
        return crc;
    }
}
