package vn.kiosk06.hardware.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.IOType;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link Gpio}: real Pi4J pins on a Raspberry Pi with a real GPIO provider, otherwise a no-op board
 * (after logging one line saying GPIO is off), so the app runs unchanged on a developer laptop or an x86 kiosk.
 *
 * <p>Stateless; each call creates its own board.
 */
public final class GpioFactory {
    private static final Logger log = LoggerFactory.getLogger(GpioFactory.class);
    private static final Path DEVICE_TREE_MODEL = Path.of("/proc/device-tree/model");

    private GpioFactory() {
    }

    /**
     * Real pins if this is a Raspberry Pi with a non-mock digital provider, else a no-op board. Never throws for a
     * missing or unusable GPIO.
     */
    public static Gpio open(GpioPins pins, ScheduledExecutorService scheduler, Clock clock) {
        Objects.requireNonNull(pins, "pins");
        Optional<String> model = boardModel();
        if (model.isEmpty() || !model.get().contains("Raspberry Pi")) {
            log.info("GPIO off: not a Raspberry Pi ({}); status light, buzzer and sync button are no-ops",
                    DEVICE_TREE_MODEL);
            return noOp(scheduler);
        }
        Context context;
        try {
            context = Pi4J.newAutoContext();
        } catch (RuntimeException e) {
            log.info("GPIO off: Pi4J could not start ({}); status light, buzzer and sync button are no-ops",
                    e.getClass().getSimpleName());
            return noOp(scheduler);
        }
        Optional<String> output = realProvider(context, IOType.DIGITAL_OUTPUT);
        Optional<String> input = realProvider(context, IOType.DIGITAL_INPUT);
        if (output.isEmpty() || input.isEmpty()) {
            context.shutdown();
            log.info("GPIO off: no real Pi4J GPIO provider on the classpath (add pi4j-plugin-gpiod); "
                    + "status light, buzzer and sync button are no-ops");
            return noOp(scheduler);
        }
        log.info("GPIO on: {} via {}/{}", model.get().trim(), output.get(), input.get());
        return onContext(context, output.get(), input.get(), pins, scheduler, clock);
    }

    /**
     * A board on a given Pi4J context and providers, e.g. Pi4J's MockPlatform in tests. The context is shut down
     * when the board is closed.
     */
    public static Gpio onContext(Context context, String outputProvider, String inputProvider, GpioPins pins,
            ScheduledExecutorService scheduler, Clock clock) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(pins, "pins");
        Objects.requireNonNull(clock, "clock");
        OutputLine green = output(context, outputProvider, "kiosk-light-green", pins.green(), pins.lightsActiveHigh());
        OutputLine amber = output(context, outputProvider, "kiosk-light-amber", pins.amber(), pins.lightsActiveHigh());
        OutputLine red = output(context, outputProvider, "kiosk-light-red", pins.red(), pins.lightsActiveHigh());
        OutputLine buzz = output(context, outputProvider, "kiosk-buzzer", pins.buzzer(), pins.buzzerActiveHigh());
        DigitalInput button = context.create(DigitalInput.newConfigBuilder(context)
                .id("kiosk-sync-button")
                .name("sync button")
                .address(pins.button())
                .pull(pins.buttonActiveLow() ? PullResistance.PULL_UP : PullResistance.PULL_DOWN)
                .debounce(pins.debounce().toNanos() / 1000)
                .provider(inputProvider));
        DigitalState pressedLevel = pins.buttonActiveLow() ? DigitalState.LOW : DigitalState.HIGH;
        return new Gpio(new StatusLight(green, amber, red), new Buzzer(buzz, scheduler), onPress -> {
            SyncButton syncButton = new SyncButton(clock, pins.debounce(), onPress);
            button.addListener(event -> syncButton.onLevel(event.state() == pressedLevel));
            return syncButton;
        }, context::shutdown, true);
    }

    /** A board whose pins do nothing. */
    public static Gpio noOp(ScheduledExecutorService scheduler) {
        return new Gpio(new StatusLight(OutputLine.none(), OutputLine.none(), OutputLine.none()),
                new Buzzer(OutputLine.none(), scheduler), onPress -> new SyncButton(Clock.systemUTC(),
                        java.time.Duration.ZERO, onPress), () -> { }, false);
    }

    private static OutputLine output(Context context, String provider, String id, int pin, boolean activeHigh) {
        DigitalState inactive = activeHigh ? DigitalState.LOW : DigitalState.HIGH;
        DigitalState active = activeHigh ? DigitalState.HIGH : DigitalState.LOW;
        DigitalOutput out = context.create(DigitalOutput.newConfigBuilder(context)
                .id(id)
                .name(id)
                .address(pin)
                .initial(inactive)
                .shutdown(inactive)
                .provider(provider));
        return on -> out.state(on ? active : inactive);
    }

    private static Optional<String> boardModel() {
        try {
            if (!Files.isReadable(DEVICE_TREE_MODEL)) {
                return Optional.empty();
            }
            // The file ends with a NUL byte.
            return Optional.of(Files.readString(DEVICE_TREE_MODEL, StandardCharsets.US_ASCII).replace("\0", ""));
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> realProvider(Context context, IOType type) {
        try {
            return context.providers().all(type).keySet().stream().filter(id -> !id.startsWith("mock")).findFirst();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
