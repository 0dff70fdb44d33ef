package vn.kiosk06.hardware.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.plugin.gpiod.GpioDPlugin;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link Gpio}: real pins through Pi4J's gpiod provider on a Raspberry Pi (a {@code /dev/gpiochip*} on an
 * ARM CPU, see {@link GpioProviderChoice}), Pi4J's mock provider elsewhere, so the app runs unchanged on a laptop or
 * an x86 kiosk. It logs one line saying which. A GPIO chip that cannot be opened, or a pin another program holds,
 * is logged naming the pin and leaves that line a no-op: GPIO never stops the app from journaling.
 *
 * <p>Stateless; each call creates its own board.
 */
public final class GpioFactory {
    /** {@link Gpio#provider()} of real pins. */
    public static final String GPIOD = "gpiod";
    /** {@link Gpio#provider()} of Pi4J's mock pins. */
    public static final String MOCK = "mock";
    /** {@link Gpio#provider()} of the no-op board. */
    public static final String NONE = "none";

    private static final Logger log = LoggerFactory.getLogger(GpioFactory.class);
    /** How many pins a board opens: three lights, the buzzer, the button. */
    private static final int PINS = 5;
    private static final String STAYS_OFF = "the status light, buzzer and sync button run on Pi4J's mock provider "
            + "(nothing is wired); the app keeps journaling";

    private GpioFactory() {
    }

    /** Real pins on a Raspberry Pi, Pi4J's mock pins elsewhere. Never throws for a missing or unusable GPIO. */
    public static Gpio open(GpioPins pins, ScheduledExecutorService scheduler, Clock clock) {
        return open(pins, GpioProviderChoice.forThisMachine(), scheduler, clock);
    }

    /** As {@link #open(GpioPins, ScheduledExecutorService, Clock)}, for a given provider choice. */
    public static Gpio open(GpioPins pins, GpioProviderChoice choice, ScheduledExecutorService scheduler, Clock clock) {
        Objects.requireNonNull(pins, "pins");
        Objects.requireNonNull(choice, "choice");
        if (!choice.gpiod()) {
            log.info("GPIO off: {}; {}", choice.reason(), STAYS_OFF);
            return mock(pins, scheduler, clock);
        }
        Context context;
        try {
            context = Pi4J.newContextBuilder()
                    .add(GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance())
                    .build();
        } catch (RuntimeException | LinkageError e) {
            log.warn("GPIO off: {}, but the GPIO chip could not be opened ({}): is the kiosk06 user in group gpio? {}",
                    choice.reason(), cause(e), STAYS_OFF);
            return mock(pins, scheduler, clock);
        }
        List<PinProblem> problems = new ArrayList<>();
        Gpio board = build(context, GpioDPlugin.DIGITAL_OUTPUT_PROVIDER_ID, GpioDPlugin.DIGITAL_INPUT_PROVIDER_ID, pins,
                scheduler, clock, GPIOD, problems);
        if (problems.size() == PINS) {
            // Nothing opened: one line for the chip, not five for the pins.
            try {
                board.close();
            } catch (RuntimeException e) {
                // A context that never opened a chip has nothing to release; the mock board below is what counts.
            }
            PinProblem first = problems.get(0);
            log.warn("GPIO off: {}, but no pin could be opened (BCM {}: {}): is this a Raspberry Pi, and is the kiosk06 "
                    + "user in group gpio? {}", choice.reason(), first.pin(), first.cause(), STAYS_OFF);
            return mock(pins, scheduler, clock);
        }
        problems.forEach(p -> log.warn(p.message()));
        log.info("GPIO on: {}; BCM pins light green {}, amber {}, red {}, buzzer {}, button {} via Pi4J gpiod{}",
                choice.reason(), pins.green(), pins.amber(), pins.red(), pins.buzzer(), pins.button(),
                problems.isEmpty() ? "" : " (" + problems.size() + " pin(s) unusable, see above)");
        return board;
    }

    /**
     * A board on a given Pi4J context and providers, e.g. Pi4J's MockPlatform in tests. A pin that cannot be opened
     * (e.g. already in use) is logged naming it, listed in {@link Gpio#problems()}, and left a no-op. The context is
     * shut down when the board is closed.
     */
    public static Gpio onContext(Context context, String outputProvider, String inputProvider, GpioPins pins,
            ScheduledExecutorService scheduler, Clock clock) {
        List<PinProblem> problems = new ArrayList<>();
        Gpio board = build(context, outputProvider, inputProvider, pins, scheduler, clock, MOCK, problems);
        problems.forEach(p -> log.warn(p.message()));
        return board;
    }

    /** A board whose pins do nothing (gpio: off). */
    public static Gpio noOp(ScheduledExecutorService scheduler) {
        return new Gpio(new StatusLight(OutputLine.none(), OutputLine.none(), OutputLine.none()),
                new Buzzer(OutputLine.none(), scheduler), GpioFactory::neverPressed, () -> { }, NONE, List.of());
    }

    private static Gpio mock(GpioPins pins, ScheduledExecutorService scheduler, Clock clock) {
        try {
            Context context = Pi4J.newContextBuilder()
                    .add(new MockPlatform())
                    .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
                    .build();
            List<PinProblem> problems = new ArrayList<>();
            Gpio board = build(context, MockDigitalOutputProvider.ID, MockDigitalInputProvider.ID, pins, scheduler,
                    clock, MOCK, problems);
            problems.forEach(p -> log.warn(p.message()));
            return board;
        } catch (RuntimeException | LinkageError e) {
            log.warn("GPIO: Pi4J's mock provider could not start either ({}); status light, buzzer and sync button are "
                    + "no-ops", cause(e));
            return noOp(scheduler);
        }
    }

    private static Gpio build(Context context, String outputProvider, String inputProvider, GpioPins pins,
            ScheduledExecutorService scheduler, Clock clock, String provider, List<PinProblem> problems) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(pins, "pins");
        Objects.requireNonNull(clock, "clock");
        OutputLine green = output(context, outputProvider, "light-green", pins.green(), pins.lightsActiveHigh(), problems);
        OutputLine amber = output(context, outputProvider, "light-amber", pins.amber(), pins.lightsActiveHigh(), problems);
        OutputLine red = output(context, outputProvider, "light-red", pins.red(), pins.lightsActiveHigh(), problems);
        OutputLine buzz = output(context, outputProvider, "buzzer", pins.buzzer(), pins.buzzerActiveHigh(), problems);
        Optional<DigitalInput> button = button(context, inputProvider, pins, problems);
        DigitalState pressedLevel = pins.buttonActiveLow() ? DigitalState.LOW : DigitalState.HIGH;
        Function<Runnable, SyncButton> binder = button.<Function<Runnable, SyncButton>>map(input -> onPress -> {
            SyncButton syncButton = new SyncButton(clock, pins.debounce(), onPress);
            input.addListener(event -> syncButton.onLevel(event.state() == pressedLevel));
            return syncButton;
        }).orElse(GpioFactory::neverPressed);
        return new Gpio(new StatusLight(green, amber, red), new Buzzer(buzz, scheduler), binder, context::shutdown,
                provider, problems.stream().map(PinProblem::message).toList());
    }

    private static SyncButton neverPressed(Runnable onPress) {
        return new SyncButton(Clock.systemUTC(), Duration.ZERO, onPress);
    }

    private static OutputLine output(Context context, String provider, String role, int pin, boolean activeHigh,
            List<PinProblem> problems) {
        DigitalState inactive = activeHigh ? DigitalState.LOW : DigitalState.HIGH;
        DigitalState active = activeHigh ? DigitalState.HIGH : DigitalState.LOW;
        try {
            DigitalOutput out = context.create(DigitalOutput.newConfigBuilder(context)
                    .id("kiosk-" + role)
                    .name(role)
                    .address(pin)
                    .initial(inactive)
                    .shutdown(inactive)
                    .provider(provider));
            return new PinOutput(out, role, pin, active, inactive);
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: the chip's native library failed to load on first use.
            problems.add(new PinProblem(role, pin, cause(e)));
            return OutputLine.none();
        }
    }

    private static Optional<DigitalInput> button(Context context, String provider, GpioPins pins,
            List<PinProblem> problems) {
        try {
            return Optional.of(context.create(DigitalInput.newConfigBuilder(context)
                    .id("kiosk-sync-button")
                    .name("sync button")
                    .address(pins.button())
                    .pull(pins.buttonActiveLow() ? PullResistance.PULL_UP : PullResistance.PULL_DOWN)
                    .debounce(pins.debounce().toNanos() / 1000)
                    .provider(provider)));
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: the chip's native library failed to load on first use.
            problems.add(new PinProblem("sync-button", pins.button(), cause(e)));
            return Optional.empty();
        }
    }

    /** A pin that could not be opened: its role (e.g. "buzzer"), BCM number and the innermost cause. */
    private record PinProblem(String role, int pin, String cause) {
        String message() {
            return "GPIO pin BCM " + pin + " (" + role.replace('-', ' ') + ") could not be opened: " + cause
                    + " (is another program or a device-tree overlay using it?); it stays off, the app keeps journaling";
        }
    }

    /** The innermost message of a chain, e.g. "Device or resource busy", with its type when it has none. */
    static String cause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message.strip();
    }

    /**
     * A Pi4J output pin in logical terms. A write that fails at runtime (the chip went away) is logged once, naming
     * the pin, and later writes are skipped: a status light must never break the caller (a sync, a card read).
     */
    private static final class PinOutput implements OutputLine {
        private final DigitalOutput out;
        private final String role;
        private final int pin;
        private final DigitalState active;
        private final DigitalState inactive;
        private volatile boolean failed;

        PinOutput(DigitalOutput out, String role, int pin, DigitalState active, DigitalState inactive) {
            this.out = out;
            this.role = role;
            this.pin = pin;
            this.active = active;
            this.inactive = inactive;
        }

        @Override
        public void set(boolean on) {
            if (failed) {
                return;
            }
            try {
                out.state(on ? active : inactive);
            } catch (RuntimeException e) {
                failed = true;
                log.warn("GPIO pin BCM {} ({}) stopped working: {}; it stays off until the app restarts, the app keeps "
                        + "journaling", pin, role.replace('-', ' '), cause(e));
            }
        }
    }
}
