package vn.kiosk06.hardware.identity;

/** How a citizen's card reached the kiosk: QR scanner, chip reader, or typed in by hand. */
public enum ReaderKind {
    QR,
    CHIP,
    MANUAL
}
