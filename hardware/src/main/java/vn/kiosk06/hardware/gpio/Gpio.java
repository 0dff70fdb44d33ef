package vn.kiosk06.hardware.gpio;

import java.util.Objects;
import java.util.function.Function;

/**
 * The device's GPIO: status light, buzzer, and the sync button. Either real pins or a no-op (see
 * {@link GpioFactory}); the app drives both the same way.
 *
 * <p>Thread-safe. Close it on shutdown to release the pins.
 */
public final class Gpio implements AutoCloseable {
    private final StatusLight statusLight;
    private final Buzzer buzzer;
    private final Function<Runnable, SyncButton> buttonBinder;
    private final Runnable closer;
    private final boolean real;

    Gpio(StatusLight statusLight, Buzzer buzzer, Function<Runnable, SyncButton> buttonBinder, Runnable closer,
            boolean real) {
        this.statusLight = Objects.requireNonNull(statusLight, "statusLight");
        this.buzzer = Objects.requireNonNull(buzzer, "buzzer");
        this.buttonBinder = Objects.requireNonNull(buttonBinder, "buttonBinder");
        this.closer = Objects.requireNonNull(closer, "closer");
        this.real = real;
    }

    /** The green/amber/red light. */
    public StatusLight statusLight() {
        return statusLight;
    }

    /** The buzzer. */
    public Buzzer buzzer() {
        return buzzer;
    }

    /**
     * Calls {@code onPress} on the GPIO event thread each time the sync button is pressed (debounced). Call once;
     * on a no-op board the callback is never called.
     */
    public SyncButton onSyncButton(Runnable onPress) {
        return buttonBinder.apply(Objects.requireNonNull(onPress, "onPress"));
    }

    /** True when backed by real (or mock-platform) pins, false for the no-op board. */
    public boolean isReal() {
        return real;
    }

    /** Turns the light off and releases the pins. */
    @Override
    public void close() {
        statusLight.show(LightState.OFF);
        closer.run();
    }
}
