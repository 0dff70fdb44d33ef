package vn.kiosk06.hardware.qr;

import java.util.regex.Pattern;
import vn.kiosk06.hardware.identity.FailedRead;
import vn.kiosk06.hardware.identity.FailureReason;
import vn.kiosk06.hardware.identity.ParsedCard;
import vn.kiosk06.hardware.identity.PayloadText;
import vn.kiosk06.hardware.identity.ReadRejected;

/**
 * Decides whether a scanned QR is a CCCD or a BHYT card and parses it. Both use {@code |}; the BHYT QR ends with
 * {@code $} (or, when the scanner dropped the {@code $}, starts with a 15-character BHYT code), the CCCD QR starts with
 * a 12-digit ID. Anything without a {@code |} is
 * an unknown format (a VietQR payment code, a URL, a VNeID app QR …).
 *
 * <p>Stateless and thread-safe. Never throws.
 */
public final class QrPayloadParser {
    /** Longest payload accepted from a scanner. */
    public static final int MAX_BYTES = Math.max(CccdQrParser.MAX_BYTES, BhytQrParser.MAX_BYTES);

    private static final Pattern BHYT_FIRST_FIELD = Pattern.compile("[A-Z]{2}[1-5]\\d{12}\\|.*", Pattern.DOTALL);

    private QrPayloadParser() {
    }

    /** Parses one scanner payload into a card or a typed failure. */
    public static ParsedCard parse(byte[] payload) {
        String text;
        try {
            text = PayloadText.decode(payload, MAX_BYTES);
        } catch (ReadRejected r) {
            return r.toFailedRead();
        }
        if (text.indexOf('|') < 0) {
            return new FailedRead(FailureReason.UNKNOWN_FORMAT);
        }
        if (text.endsWith("$") || BHYT_FIRST_FIELD.matcher(text).matches()) {
            return BhytQrParser.parseText(text);
        }
        return CccdQrParser.parseText(text);
    }
}
