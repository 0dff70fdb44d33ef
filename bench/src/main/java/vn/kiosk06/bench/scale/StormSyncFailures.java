package vn.kiosk06.bench.scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Stream;

/**
 * The devices' failed sync attempts of a reconnect storm, split by when they were logged: before the kill, while
 * the server was down (and within one handshake deadline after it answered again — a call begun during the outage
 * fails up to that long later), and after. The last group is what the storm itself cost: attempts begun when the
 * server was up. Read from the simulators' logs, whose sync warnings start with the local time of day
 * ({@code HH:mm:ss.SSS WARN  SyncWorker - Sync failed: …}); the bench's clock is the same machine's.
 *
 * @param beforeKill       failures logged before the server was killed
 * @param whileDown        failures logged from the kill until one handshake deadline after the server answered
 * @param afterBack        failures logged later than that
 * @param lastAfterBackSec the last failure, in seconds after the server answered again (0 when none)
 */
record StormSyncFailures(long beforeKill, long whileDown, long afterBack, double lastAfterBackSec) {

    private static final String MARK = "Sync failed";

    static StormSyncFailures read(List<Path> simulatorLogs, LocalTime killedAt, LocalTime backAt, Duration grace) {
        long before = 0;
        long down = 0;
        long after = 0;
        double last = 0;
        LocalTime graceEnd = backAt.plus(grace);
        for (Path log : simulatorLogs) {
            try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
                for (String line : (Iterable<String>) lines.filter(l -> l.contains(MARK))::iterator) {
                    LocalTime at = timeOf(line);
                    if (at == null) {
                        continue;
                    }
                    if (at.isBefore(killedAt)) {
                        before++;
                    } else if (!at.isAfter(graceEnd)) {
                        down++;
                    } else {
                        after++;
                        last = Math.max(last, Duration.between(backAt, at).toMillis() / 1000.0);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + log + ": " + e.getMessage(), e);
            }
        }
        return new StormSyncFailures(before, down, after, last);
    }

    /** The time of day a log line starts with, or null for a line that does not (a stack trace's). */
    static LocalTime timeOf(String line) {
        if (line.length() < 12) {
            return null;
        }
        try {
            return LocalTime.parse(line.substring(0, 12));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
