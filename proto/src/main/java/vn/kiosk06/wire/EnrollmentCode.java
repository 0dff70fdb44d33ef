package vn.kiosk06.wire;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * What a technician carries from the admin to a new device: {@code K6-<secret>-<fingerprint>[@host:port]}, e.g.
 * {@code K6-K7MP3QX9T2RW4HVN8CZA-3f9a…(64 hex)…@sync.example.vn:7443}. The secret (20 characters from an alphabet
 * without look-alikes, about 98 bits) is what the server checks, once; the SHA-256 fingerprint of the server's
 * certificate lets the device verify the server on first contact, so nobody in between can catch the code; the
 * address is optional. Short enough to type, and plain text for a QR code.
 *
 * @param secret      the one-time secret the server holds a hash of
 * @param fingerprint SHA-256 of the server's certificate (DER), 32 bytes
 * @param address     the server's gRPC address, host:port, when the admin gave one
 */
public record EnrollmentCode(String secret, byte[] fingerprint, Optional<String> address) {

    /** Characters of a secret: no 0/O, 1/I/L, U/V pairs that a technician could mistype. */
    public static final String ALPHABET = "ABCDEFGHJKMNPQRSTWXYZ23456789";
    public static final int SECRET_LENGTH = 20;
    private static final String PREFIX = "K6-";

    public EnrollmentCode {
        if (secret == null || secret.length() != SECRET_LENGTH || !secret.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            throw new IllegalArgumentException("enrollment code secret must be " + SECRET_LENGTH + " characters of "
                    + ALPHABET);
        }
        if (fingerprint == null || fingerprint.length != 32) {
            throw new IllegalArgumentException("enrollment code fingerprint must be a SHA-256 (32 bytes), was "
                    + (fingerprint == null ? "none" : fingerprint.length + " bytes"));
        }
        fingerprint = fingerprint.clone();
        address = address == null ? Optional.empty() : address.filter(a -> !a.isBlank());
        address.ifPresent(a -> {
            if (!a.matches("[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}")) {
                throw new IllegalArgumentException("enrollment code address must be host:port, was '" + a + "'");
            }
        });
    }

    /** A new code with a random secret. */
    public static EnrollmentCode random(SecureRandom random, byte[] fingerprint, Optional<String> address) {
        StringBuilder s = new StringBuilder(SECRET_LENGTH);
        for (int i = 0; i < SECRET_LENGTH; i++) {
            s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return new EnrollmentCode(s.toString(), fingerprint, address);
    }

    /**
     * Reads a code as typed or scanned: case and surrounding blanks do not matter.
     *
     * @throws IllegalArgumentException saying which part is wrong
     */
    public static EnrollmentCode parse(String text) {
        String t = text == null ? "" : text.strip();
        String address = null;
        int at = t.indexOf('@');
        if (at >= 0) {
            address = t.substring(at + 1);
            t = t.substring(0, at);
        }
        t = t.toUpperCase(Locale.ROOT);
        String[] parts = t.split("-");
        if (parts.length != 3 || !(parts[0] + "-").equals(PREFIX)) {
            throw new IllegalArgumentException("an enrollment code looks like K6-<20 characters>-<64 hex digits>[@host:port]");
        }
        if (!parts[2].matches("[0-9A-F]{64}")) {
            throw new IllegalArgumentException("the enrollment code's fingerprint part must be 64 hex digits, has "
                    + parts[2].length() + " characters");
        }
        return new EnrollmentCode(parts[1], HexFormat.of().parseHex(parts[2].toLowerCase(Locale.ROOT)), Optional.ofNullable(address));
    }

    /** The fingerprint as lower-case hex, as {@code openssl x509 -fingerprint -sha256} shows it (without colons). */
    public String fingerprintHex() {
        return HexFormat.of().formatHex(fingerprint);
    }

    @Override
    public byte[] fingerprint() {
        return fingerprint.clone();
    }

    /** The code as the admin hands it over. */
    public String text() {
        return PREFIX + secret + "-" + fingerprintHex() + address.map(a -> "@" + a).orElse("");
    }

    /** Never the secret: a code is a credential until used. */
    @Override
    public String toString() {
        return "EnrollmentCode[" + PREFIX + "…-" + fingerprintHex().substring(0, 8) + "…]";
    }
}
