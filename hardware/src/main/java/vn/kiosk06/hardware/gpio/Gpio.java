package vn.kiosk06.hardware.gpio;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The device's GPIO: status light, buzzer, and the sync button. Real pins (Pi4J's gpiod provider), Pi4J's mock
 * pins, or a no-op (see {@link GpioFactory}); the app drives them all the same way. A pin that could not be opened
 * is a no-op line, listed in {@link #problems()}.
 *
 * <p>Thread-safe. Close it on shutdown to release the pins.
 */
public final class Gpio implements AutoCloseable {
    private final StatusLight statusLight;
    private final Buzzer buzzer;
    private final Function<Runnable, SyncButton> buttonBinder;
    private final Runnable closer;
    private final String provider;
    private final List<String> problems;

    Gpio(StatusLight statusLight, Buzzer buzzer, Function<Runnable, SyncButton> buttonBinder, Runnable closer,
            String provider, List<String> problems) {
        this.statusLight = Objects.requireNonNull(statusLight, "statusLight");
        this.buzzer = Objects.requireNonNull(buzzer, "buzzer");
        this.buttonBinder = Objects.requireNonNull(buttonBinder, "buttonBinder");
        this.closer = Objects.requireNonNull(closer, "closer");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.problems = List.copyOf(problems);
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

    /** True when real pins drive the light, buzzer and button (Pi4J's gpiod provider on a Raspberry Pi). */
    public boolean isReal() {
        return provider.equals(GpioFactory.GPIOD);
    }

    /** Which provider drives the pins: "gpiod" (real), "mock" (Pi4J's mock: nothing wired) or "none" (gpio: off). */
    public String provider() {
        return provider;
    }

    /** One line per pin that could not be opened (naming the pin); empty when every pin works. */
    public List<String> problems() {
        return problems;
    }

    /** Turns the light off and releases the pins. */
    @Override
    public void close() {
        statusLight.show(LightState.OFF);
        closer.run();
    }
}
