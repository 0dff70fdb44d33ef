package vn.kiosk06.client.clock;

import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id of one boot of this device (16 random bytes, as 32 lowercase hex digits): the scope within which
 * monotonic times may be compared. Sent as {@code boot_id} in events, handshakes and clock samples.
 * Immutable and thread-safe.
 *
 * @param hex 32 lowercase hex digits
 */
public record BootId(String hex) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{32}");

    public BootId {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("boot id must be 32 lowercase hex digits, was "
                    + (hex == null ? "null" : "\"" + hex + "\""));
        }
    }

    /** Parses 32 hex digits, either case, with or without UUID dashes (Linux's {@code boot_id} form). */
    public static BootId parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("boot id must be 32 hex digits, was null");
        }
        return new BootId(text.strip().replace("-", "").toLowerCase(Locale.ROOT));
    }

    /** The boot id with the same 16 bytes as {@code uuid}. */
    public static BootId of(UUID uuid) {
        return parse(uuid.toString());
    }

    /** The wire form: 16 bytes, a fresh copy on every call. */
    public byte[] toBytes() {
        return HexFormat.of().parseHex(hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}
