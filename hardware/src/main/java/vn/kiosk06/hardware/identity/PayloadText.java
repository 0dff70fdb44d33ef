package vn.kiosk06.hardware.identity;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;

/**
 * Turns untrusted reader bytes into text the parsers can split, rejecting what no real card produces: invalid
 * UTF-8, control characters, oversized payloads. Also the strict date patterns the card formats use.
 *
 * <p>Stateless and thread-safe (a decoder is created per call because {@link CharsetDecoder} is not).
 */
public final class PayloadText {
    /** Day-month-year with no separators, as on the CCCD QR (e.g. {@code 01021990}). */
    public static final DateTimeFormatter DDMMYYYY =
            DateTimeFormatter.ofPattern("ddMMuuuu").withResolverStyle(ResolverStyle.STRICT);
    /** Day/month/year, as on the BHYT QR (e.g. {@code 01/02/1990}). */
    public static final DateTimeFormatter DD_MM_YYYY =
            DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(ResolverStyle.STRICT);

    private static final Pattern EIGHT_DIGITS = Pattern.compile("\\d{8}");
    private static final Pattern SLASHED_DATE = Pattern.compile("\\d{2}/\\d{2}/\\d{4}");

    private PayloadText() {
    }

    /**
     * Decodes strict UTF-8, strips surrounding whitespace and normalises to NFC (scanners differ in whether they
     * send composed or decomposed diacritics).
     *
     * @throws ReadRejected TOO_LONG, INVALID_UTF8, EMPTY or UNEXPECTED_CHARACTER
     */
    public static String decode(byte[] bytes, int maxBytes) {
        if (bytes == null || bytes.length == 0) {
            throw new ReadRejected(FailureReason.EMPTY);
        }
        if (bytes.length > maxBytes) {
            throw new ReadRejected(FailureReason.TOO_LONG);
        }
        String text = strictUtf8(bytes, FailureReason.INVALID_UTF8);
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1); // some scanners prepend a byte-order mark
        }
        text = text.strip();
        if (text.isEmpty()) {
            throw new ReadRejected(FailureReason.EMPTY);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                throw new ReadRejected(FailureReason.UNEXPECTED_CHARACTER);
            }
        }
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    /**
     * Strict UTF-8 decoding.
     *
     * @throws ReadRejected with {@code reason} when the bytes are not valid UTF-8
     */
    public static String strictUtf8(byte[] bytes, FailureReason reason) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new ReadRejected(reason);
        }
    }

    /**
     * Parses a {@code DDMMYYYY} date.
     *
     * @throws ReadRejected BAD_DATE
     */
    public static LocalDate ddmmyyyy(String text) {
        if (!EIGHT_DIGITS.matcher(text).matches()) {
            throw new ReadRejected(FailureReason.BAD_DATE);
        }
        return parseDate(text, DDMMYYYY);
    }

    /**
     * Parses a {@code dd/MM/yyyy} date.
     *
     * @throws ReadRejected BAD_DATE
     */
    public static LocalDate slashed(String text) {
        if (!SLASHED_DATE.matcher(text).matches()) {
            throw new ReadRejected(FailureReason.BAD_DATE);
        }
        return parseDate(text, DD_MM_YYYY);
    }

    private static LocalDate parseDate(String text, DateTimeFormatter format) {
        try {
            LocalDate date = LocalDate.parse(text, format);
            if (date.getYear() < 1900) {
                // No living card holder; an 18xx year is a corrupt read.
                throw new ReadRejected(FailureReason.BAD_DATE);
            }
            return date;
        } catch (DateTimeParseException e) {
            throw new ReadRejected(FailureReason.BAD_DATE);
        }
    }
}
