package vn.kiosk06.hardware.gpio;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "sync now" push button. Mechanical contacts bounce for a few milliseconds, and Pi4J's own debounce is not
 * available on every provider, so presses closer together than the debounce interval count once.
 *
 * <p>Thread-safe; {@link #onLevel} is called from the GPIO event thread and runs the callback there.
 */
public final class SyncButton {
    private static final Logger log = LoggerFactory.getLogger(SyncButton.class);

    private final Clock clock;
    private final Duration debounce;
    private final Runnable onPress;
    private Instant lastAccepted;
    private boolean pressed;

    public SyncButton(Clock clock, Duration debounce, Runnable onPress) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.debounce = Objects.requireNonNull(debounce, "debounce");
        this.onPress = Objects.requireNonNull(onPress, "onPress");
        if (debounce.isNegative()) {
            throw new IllegalArgumentException("debounce must be ≥ 0, was " + debounce);
        }
    }

    /** Feeds the button's logical level (true = pressed, polarity already applied). */
    public void onLevel(boolean isPressed) {
        boolean fire;
        synchronized (this) {
            boolean rising = isPressed && !pressed;
            pressed = isPressed;
            Instant now = clock.instant();
            fire = rising && (lastAccepted == null || !now.isBefore(lastAccepted.plus(debounce)));
            if (fire) {
                lastAccepted = now;
            }
        }
        if (fire) {
            try {
                onPress.run();
            } catch (RuntimeException e) {
                log.error("sync button callback threw {}", e.getClass().getName(), e);
            }
        }
    }
}
