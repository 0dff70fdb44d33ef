package vn.kiosk06.bench.simulate;

import java.io.PrintStream;

/**
 * The simulation's live progress: on a terminal one line rewritten in place every second; otherwise (a log, a
 * pipe, a CI job) a plain line every few seconds, so the output stays readable.
 */
final class ProgressLine {

    private final PrintStream out;
    private final boolean terminal;
    private final long everyNanos;
    private long lastNanos;
    private int lastLength;

    ProgressLine(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
        this.everyNanos = terminal ? 1_000_000_000L : 5_000_000_000L;
    }

    /** Whether this JVM's output goes to a terminal (System.console() is there only when both ends are one). */
    static boolean onTerminal() {
        return System.console() != null;
    }

    /** Whether a line shown now would be printed (so a caller need not format one that would not). */
    boolean due(long nowNanos) {
        return nowNanos - lastNanos >= everyNanos;
    }

    /** Shows {@code text} if the last line is old enough (or {@code force}). */
    void show(String text, long nowNanos, boolean force) {
        if (!force && nowNanos - lastNanos < everyNanos) {
            return;
        }
        lastNanos = nowNanos;
        if (terminal) {
            out.print("\r" + text + " ".repeat(Math.max(0, lastLength - text.length())));
            lastLength = text.length();
        } else {
            out.println(text);
        }
        out.flush();
    }

    /** Ends the rewritten line, so what follows starts on a line of its own. */
    void finish() {
        if (terminal && lastLength > 0) {
            out.println();
            out.flush();
        }
    }
}
