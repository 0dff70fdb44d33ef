package vn.kiosk06.hardware.gpio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Beeps: one short beep for a good read, three for a failed one. Timing runs on the injected scheduler, so callers
 * (the reader thread) never sleep. A new pattern cancels one still playing, so beeps never overlap.
 *
 * <p>Thread-safe.
 */
public final class Buzzer {
    private final OutputLine line;
    private final ScheduledExecutorService scheduler;
    private final Duration beep;
    private final Duration gap;
    private final List<ScheduledFuture<?>> playing = new ArrayList<>();

    /**
     * @param beep how long each beep sounds
     * @param gap  silence between beeps of one pattern
     */
    public Buzzer(OutputLine line, ScheduledExecutorService scheduler, Duration beep, Duration gap) {
        this.line = Objects.requireNonNull(line, "line");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.beep = Objects.requireNonNull(beep, "beep");
        this.gap = Objects.requireNonNull(gap, "gap");
        if (beep.isNegative() || beep.isZero() || gap.isNegative() || gap.isZero()) {
            throw new IllegalArgumentException("beep and gap must be > 0, were " + beep + " and " + gap);
        }
    }

    /** 80 ms beeps with 80 ms gaps. */
    public Buzzer(OutputLine line, ScheduledExecutorService scheduler) {
        this(line, scheduler, Duration.ofMillis(80), Duration.ofMillis(80));
    }

    /** One short beep. */
    public void goodRead() {
        beep(1);
    }

    /** Three short beeps. */
    public void failedRead() {
        beep(3);
    }

    /** {@code count} beeps (1–10). */
    public synchronized void beep(int count) {
        if (count < 1 || count > 10) {
            throw new IllegalArgumentException("beep count must be 1..10, was " + count);
        }
        playing.forEach(f -> f.cancel(false));
        playing.clear();
        line.set(false);
        long onMs = beep.toMillis();
        long periodMs = onMs + gap.toMillis();
        for (int i = 0; i < count; i++) {
            playing.add(scheduler.schedule(() -> line.set(true), i * periodMs, TimeUnit.MILLISECONDS));
            playing.add(scheduler.schedule(() -> line.set(false), i * periodMs + onMs, TimeUnit.MILLISECONDS));
        }
    }
}
