package vn.kiosk06.hardware.serial;

/** How a device delimits frames on the wire. */
public enum Framing {
    /** Each frame ends with CR, LF or CRLF; empty lines are skipped. Usual for QR scanners in serial mode. */
    LINE,
    /** Each frame is STX (0x02) payload ETX (0x03); bytes between frames are noise and dropped. */
    STX_ETX;

    /** Parses {@code line} or {@code stx-etx} (as written on command lines and in config). */
    public static Framing parse(String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "line" -> LINE;
            case "stx-etx", "stx_etx", "stxetx" -> STX_ETX;
            default -> throw new IllegalArgumentException("framing must be line or stx-etx, was " + text);
        };
    }
}
