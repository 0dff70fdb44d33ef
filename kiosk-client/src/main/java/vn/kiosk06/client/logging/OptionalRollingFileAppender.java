package vn.kiosk06.client.logging;

import ch.qos.logback.core.rolling.RollingFileAppender;

/**
 * A rolling file appender that stays off when no log directory is configured, so one logback.xml serves both the
 * packaged default (journal only: systemd captures stdout) and hosts that want files ({@code log-dir:}). Logback
 * has no conditionals without Janino; this keeps the choice in configuration, not code paths. A copy of the
 * server's class: the two apps share only proto and hardware, and a logback appender belongs in neither.
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
    public void start() {
        if (!dir.isEmpty()) {
            super.start();
        }
    }
}
