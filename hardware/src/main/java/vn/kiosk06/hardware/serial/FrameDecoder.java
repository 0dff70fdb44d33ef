package vn.kiosk06.hardware.serial;

import java.util.Arrays;
import java.util.Objects;

/**
 * Splits a byte stream into frames: a frame split across reads is reassembled, several frames in one read are
 * all delivered. A frame longer than the limit is discarded up to its delimiter and reported once as oversized,
 * so one runaway device cannot exhaust memory or glue two scans together.
 *
 * <p>Not thread-safe: one decoder per reading thread.
 */
public final class FrameDecoder {
    static final byte STX = 0x02;
    static final byte ETX = 0x03;
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    /** Where decoded frames go. Called on the thread that calls {@link #accept}. */
    public interface Sink {
        /** One complete frame, delimiters removed. The array belongs to the sink. */
        void onFrame(byte[] frame);

        /** A frame exceeded the limit; {@code length} bytes were dropped. */
        void onOversizedFrame(int length);
    }

    private final Framing framing;
    private final int maxFrameBytes;
    private final Sink sink;
    private final byte[] buffer;
    private int length;
    private boolean inFrame;
    private boolean discarding;
    private int discarded;

    public FrameDecoder(Framing framing, int maxFrameBytes, Sink sink) {
        this.framing = Objects.requireNonNull(framing, "framing");
        this.sink = Objects.requireNonNull(sink, "sink");
        if (maxFrameBytes < 1) {
            throw new IllegalArgumentException("maxFrameBytes must be ≥ 1, was " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
        this.buffer = new byte[maxFrameBytes];
    }

    /** Feeds {@code count} bytes from {@code bytes}. */
    public void accept(byte[] bytes, int count) {
        for (int i = 0; i < count; i++) {
            if (framing == Framing.LINE) {
                acceptLine(bytes[i]);
            } else {
                acceptStxEtx(bytes[i]);
            }
        }
    }

    /** Drops any partial frame, e.g. after the port was reopened. */
    public void reset() {
        length = 0;
        inFrame = false;
        discarding = false;
        discarded = 0;
    }

    private void acceptLine(byte b) {
        if (b == CR || b == LF) {
            // CRLF yields an empty "frame" between CR and LF: skipping empty lines handles CR, LF and CRLF alike.
            endFrame();
            return;
        }
        append(b);
    }

    private void acceptStxEtx(byte b) {
        if (b == STX) {
            // A new STX inside a frame means the previous frame lost its ETX: start over rather than glue them.
            reset();
            inFrame = true;
            return;
        }
        if (!inFrame) {
            return;
        }
        if (b == ETX) {
            endFrame();
            inFrame = false;
            return;
        }
        append(b);
    }

    private void append(byte b) {
        if (discarding) {
            discarded++;
            return;
        }
        if (length == maxFrameBytes) {
            discarding = true;
            discarded = length + 1;
            length = 0;
            return;
        }
        buffer[length++] = b;
    }

    private void endFrame() {
        if (discarding) {
            int dropped = discarded;
            reset();
            sink.onOversizedFrame(dropped);
            return;
        }
        if (length > 0) {
            byte[] frame = Arrays.copyOf(buffer, length);
            length = 0;
            sink.onFrame(frame);
        }
    }
}
