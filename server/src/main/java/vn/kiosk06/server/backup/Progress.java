package vn.kiosk06.server.backup;

import java.io.PrintStream;

/**
 * Progress of a long operation, written to stderr: on a terminal one line rewritten in place, otherwise plain lines
 * (at most one per 10 %) that read well in a log or a CI transcript. Not thread-safe: one operation, one thread.
 */
public final class Progress {

    private final PrintStream out;
    private final boolean terminal;
    private final String what;
    private int lastTenth = -1;

    Progress(PrintStream out, boolean terminal, String what) {
        this.out = out;
        this.terminal = terminal;
        this.what = what;
    }

    /** Progress on stderr, rewritten in place when stdout is a terminal. */
    public static Progress onStderr(String what) {
        return new Progress(System.err, System.console() != null, what);
    }

    /** Progress that shows nothing, for callers that report their own way. */
    public static Progress silent() {
        return new Progress(new PrintStream(PrintStream.nullOutputStream()), false, "");
    }

    /** {@code done} of {@code total} units (e.g. pages) are finished. */
    public void update(long done, long total, String unit) {
        int percent = total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
        if (terminal) {
            out.printf("\r%s: %d/%d %s (%d%%)", what, done, total, unit, percent);
            out.flush();
        } else if (percent / 10 != lastTenth) {
            lastTenth = percent / 10;
            out.printf("%s: %d/%d %s (%d%%)%n", what, done, total, unit, percent);
        }
    }

    /** The operation ended; {@code summary} is its last line. */
    public void done(String summary) {
        if (terminal) {
            out.print("\r\033[K");
        }
        out.println(what + ": " + summary);
    }
}
