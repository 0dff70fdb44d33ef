package vn.kiosk06.wire;

import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id of one boot of a device: 16 random bytes, kept as 32 lowercase hex digits.
 *
 * <p>Monotonic time is only comparable between readings of the same boot, so every event, handshake and clock
 * sample carries one ({@code boot_id} in sync.proto); the device makes it, the server reasons with it. Immutable and
 * thread-safe.
 *
 * @param hex 32 lowercase hex digits
 */
public record BootId(String hex) {

    /** Length of a boot id on the wire (the {@code bytes boot_id} fields of sync.proto). */
    public static final int BYTES = 16;

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{32}");

    public BootId {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("boot id must be 32 lowercase hex digits, was " + quoted(hex));
        }
    }

    /**
     * Reads a boot id from its wire form.
     *
     * @throws IllegalArgumentException if {@code bytes} is not exactly 16 bytes long
     */
    public static BootId fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length != BYTES) {
            throw new IllegalArgumentException("boot id must be " + BYTES + " bytes, was "
                    + (bytes == null ? "null" : bytes.length + " bytes"));
        }
        return new BootId(HexFormat.of().formatHex(bytes));
    }

    /**
     * Parses 32 hex digits, in either case, with or without UUID dashes (the form of Linux's
     * {@code /proc/sys/kernel/random/boot_id}).
     */
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

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}
