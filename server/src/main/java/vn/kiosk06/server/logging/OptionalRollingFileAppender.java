package vn.kiosk06.server.logging;

import ch.qos.logback.core.rolling.RollingFileAppender;
import java.io.IOException;
import java.nio.file.Path;
import vn.kiosk06.server.files.OwnerOnly;

/**
 * A rolling file appender that stays off when no log directory is configured, so one logback.xml serves both the
 * packaged default (journal only: systemd captures stdout) and hosts that want files ({@code log-dir:}). Logback
 * has no conditionals without Janino; this keeps the choice in configuration, not code paths. Each log file is made
 * 0600 (its directory 0700 when the appender creates it) before logback opens it, at start and at every rollover.
 *
 * @param <E> the logged event type
 */
public final class OptionalRollingFileAppender<E> extends RollingFileAppender<E> {

    private String dir = "";

    /** The log directory; blank leaves the appender off. */
    public void setDir(String dir) {
        this.dir = dir == null ? "" : dir.trim();
    }

    @Override
    public void openFile(String fileName) throws IOException {
        OwnerOnly.file(Path.of(fileName));
        super.openFile(fileName);
    }

    @Override
    public void start() {
        if (!dir.isEmpty()) {
            super.start();
        }
    }
}
