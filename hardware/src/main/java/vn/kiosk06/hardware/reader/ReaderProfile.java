package vn.kiosk06.hardware.reader;

import java.util.Locale;
import vn.kiosk06.hardware.identity.ReaderKind;

/** What speaks on a serial port: a QR scanner (CCCD/BHYT QR payloads) or a chip reader (the README protocol). */
public enum ReaderProfile {
    QR(ReaderKind.QR),
    CHIP(ReaderKind.CHIP);

    private final ReaderKind kind;

    ReaderProfile(ReaderKind kind) {
        this.kind = kind;
    }

    /** The reader kind recorded on readings from this profile. */
    public ReaderKind kind() {
        return kind;
    }

    /** Parses {@code qr} or {@code chip}. */
    public static ReaderProfile parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "qr" -> QR;
            case "chip" -> CHIP;
            default -> throw new IllegalArgumentException("profile must be qr or chip, was " + text);
        };
    }
}
