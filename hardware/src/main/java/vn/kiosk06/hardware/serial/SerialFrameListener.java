package vn.kiosk06.hardware.serial;

/**
 * Receives what a {@link SerialFrameReader} sees. All methods are called on the reader's own thread, one at a
 * time; an exception thrown here is logged and does not stop the reader. Keep them short: the reader does not
 * read while a callback runs.
 */
public interface SerialFrameListener {
    /** One complete frame, delimiters removed. */
    void onFrame(byte[] frame);

    /** A frame exceeded the configured limit and was dropped. */
    void onOversizedFrame(int length);

    /** The port is open (first open, or re-opened after a loss). */
    void onConnected(String path);

    /**
     * The port is not usable: it could not be opened at start, or it was lost (unplugged, I/O error). Reported once
     * per loss, not per retry.
     *
     * @param reason short technical reason, e.g. "port disappeared"
     */
    void onDisconnected(String path, String reason);
}
