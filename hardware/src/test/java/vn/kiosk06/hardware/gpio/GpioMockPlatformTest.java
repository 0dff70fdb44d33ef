package vn.kiosk06.hardware.gpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Status light, buzzer and button on Pi4J's mock platform: one context per test. */
class GpioMockPlatformTest {
    private Context context;
    private Gpio gpio;
    private ScheduledExecutorService scheduler;
    private final SteppingClock clock = new SteppingClock();

    /** A clock the test moves by hand. */
    static final class SteppingClock extends Clock {
        private volatile Instant now = Instant.parse("2026-06-19T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private void build(GpioPins pins) {
        context = Pi4J.newContextBuilder()
                .add(new MockPlatform())
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
                .build();
        gpio = GpioFactory.onContext(context, MockDigitalOutputProvider.ID, MockDigitalInputProvider.ID, pins,
                scheduler, clock);
    }

    @BeforeEach
    void setUp() {
        scheduler = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void tearDown() {
        if (gpio != null) {
            gpio.close(); // shuts the context down
        } else if (context != null) {
            context.shutdown();
        }
        scheduler.shutdownNow();
    }

    private DigitalState pin(String id) {
        DigitalOutput out = context.registry().get(id);
        return out.state();
    }

    @Test
    void statusLight_followsState_activeHigh() {
        build(GpioPins.defaults());
        StatusLight light = gpio.statusLight();

        light.update(true, false, 0);
        assertThat(pin("kiosk-light-green")).isEqualTo(DigitalState.HIGH);
        assertThat(pin("kiosk-light-amber")).isEqualTo(DigitalState.LOW);
        assertThat(pin("kiosk-light-red")).isEqualTo(DigitalState.LOW);

        light.update(true, false, 12);
        assertThat(light.state()).isEqualTo(LightState.AMBER);
        assertThat(pin("kiosk-light-green")).isEqualTo(DigitalState.LOW);
        assertThat(pin("kiosk-light-amber")).isEqualTo(DigitalState.HIGH);

        light.update(false, false, 0); // a reader unplugged
        assertThat(pin("kiosk-light-red")).isEqualTo(DigitalState.HIGH);
        assertThat(pin("kiosk-light-amber")).isEqualTo(DigitalState.LOW);
        assertThat(pin("kiosk-light-green")).isEqualTo(DigitalState.LOW);
    }

    @Test
    void statusLight_activeLowWiring_invertsLevels() {
        build(new GpioPins(5, 6, 13, 19, 26, false, true, true, Duration.ofMillis(50)));
        gpio.statusLight().show(LightState.RED);
        assertThat(pin("kiosk-light-red")).isEqualTo(DigitalState.LOW);
        assertThat(pin("kiosk-light-green")).isEqualTo(DigitalState.HIGH);
        assertThat(pin("kiosk-light-amber")).isEqualTo(DigitalState.HIGH);
    }

    @Test
    void buzzer_goodReadBeepsOnce_failedReadThreeTimes() {
        build(GpioPins.defaults());
        AtomicInteger beeps = new AtomicInteger();
        DigitalOutput buzzer = context.registry().get("kiosk-buzzer");
        buzzer.addListener(e -> {
            if (e.state() == DigitalState.HIGH) {
                beeps.incrementAndGet();
            }
        });
        Buzzer b = new Buzzer(state -> buzzer.state(state ? DigitalState.HIGH : DigitalState.LOW), scheduler,
                Duration.ofMillis(5), Duration.ofMillis(5));

        b.goodRead();
        await().atMost(Duration.ofSeconds(5)).until(() -> beeps.get() == 1 && buzzer.state() == DigitalState.LOW);

        beeps.set(0);
        b.failedRead();
        await().atMost(Duration.ofSeconds(5)).until(() -> beeps.get() == 3 && buzzer.state() == DigitalState.LOW);
    }

    @Test
    void buzzer_fromBoard_returnsImmediatelyAndBeeps() {
        build(GpioPins.defaults());
        AtomicInteger beeps = new AtomicInteger();
        DigitalOutput buzzer = context.registry().get("kiosk-buzzer");
        buzzer.addListener(e -> {
            if (e.state() == DigitalState.HIGH) {
                beeps.incrementAndGet();
            }
        });
        gpio.buzzer().failedRead();
        assertThat(beeps.get()).isLessThanOrEqualTo(1); // the caller did not wait for the pattern
        await().atMost(Duration.ofSeconds(5)).until(() -> beeps.get() == 3);
    }

    @Test
    void syncButton_press_invokesCallback_bounceIgnored() {
        build(GpioPins.defaults());
        AtomicInteger presses = new AtomicInteger();
        gpio.onSyncButton(presses::incrementAndGet);
        MockDigitalInput button = context.registry().get("kiosk-sync-button");

        button.mockState(DigitalState.HIGH); // idle (pull-up)
        button.mockState(DigitalState.LOW); // pressed
        await().atMost(Duration.ofSeconds(5)).until(() -> presses.get() == 1);

        // Contact bounce 2 ms later: ignored.
        clock.advance(Duration.ofMillis(2));
        button.mockState(DigitalState.HIGH);
        button.mockState(DigitalState.LOW);
        assertThat(presses.get()).isEqualTo(1);

        // A real second press later: counted.
        clock.advance(Duration.ofMillis(500));
        button.mockState(DigitalState.HIGH);
        button.mockState(DigitalState.LOW);
        await().atMost(Duration.ofSeconds(5)).until(() -> presses.get() == 2);
    }

    @Test
    void factory_offPi_runsOnPi4jMock_withOneLogLine() {
        try (LogLines lines = LogLines.of(GpioFactory.class)) {
            gpio = GpioFactory.open(GpioPins.defaults(), new GpioProviderChoice(false, "no /dev/gpiochip* here"),
                    scheduler, Clock.systemUTC());

            assertThat(gpio.provider()).isEqualTo(GpioFactory.MOCK);
            assertThat(gpio.isReal()).isFalse();
            assertThat(gpio.problems()).isEmpty();
            gpio.statusLight().show(LightState.RED);
            gpio.buzzer().failedRead();
            gpio.onSyncButton(() -> { });
            assertThat(lines.messages()).singleElement().asString()
                    .startsWith("GPIO off: no /dev/gpiochip* here; the status light, buzzer and sync button run on "
                            + "Pi4J's mock provider");
        }
    }

    @Test
    void factory_gpiochipPresentButUnusable_triesGpiod_thenSaysSoOnceAndKeepsRunningOnMock(@TempDir Path dev)
            throws IOException {
        // A fake /dev with a gpiochip on an ARM machine picks gpiod; on this x86 build machine Pi4J's gpiod provider
        // finds no Raspberry Pi chip, as on a Pi whose chip is missing: one line, and the board still works.
        Files.createFile(dev.resolve("gpiochip0"));
        GpioProviderChoice choice = GpioProviderChoice.choose(dev, "aarch64");
        assertThat(choice.gpiod()).isTrue();

        try (LogLines lines = LogLines.of(GpioFactory.class)) {
            gpio = GpioFactory.open(GpioPins.defaults(), choice, scheduler, Clock.systemUTC());

            assertThat(lines.messages()).singleElement().asString()
                    .startsWith("GPIO off: gpiochip0 found on aarch64, but no pin could be opened (BCM 17: ")
                    .contains("is the kiosk06 user in group gpio?", "the app keeps journaling");
        }
        assertThat(gpio.provider()).isEqualTo(GpioFactory.MOCK);
        gpio.statusLight().show(LightState.AMBER);
        assertThat(gpio.statusLight().state()).isEqualTo(LightState.AMBER);
    }

    @Test
    void pinAlreadyInUse_isNamed_andTheOtherPinsStillWork() {
        context = Pi4J.newContextBuilder()
                .add(new MockPlatform())
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
                .build();
        // Another user of the buzzer's pin (BCM 18) got there first.
        context.create(DigitalOutput.newConfigBuilder(context).id("someone-else").address(18)
                .provider(MockDigitalOutputProvider.ID));

        try (LogLines lines = LogLines.of(GpioFactory.class)) {
            gpio = GpioFactory.onContext(context, MockDigitalOutputProvider.ID, MockDigitalInputProvider.ID,
                    GpioPins.defaults(), scheduler, clock);

            assertThat(gpio.problems()).singleElement().asString()
                    .startsWith("GPIO pin BCM 18 (buzzer) could not be opened: ")
                    .endsWith("it stays off, the app keeps journaling");
            assertThat(lines.messages()).isEqualTo(gpio.problems());
        }
        gpio.buzzer().failedRead(); // a no-op line: no exception for the reader thread
        gpio.statusLight().show(LightState.GREEN);
        assertThat(pin("kiosk-light-green")).isEqualTo(DigitalState.HIGH);
    }

    @Test
    void noOp_doesNothingAndSaysSo() {
        Gpio board = GpioFactory.noOp(scheduler);
        assertThat(board.provider()).isEqualTo(GpioFactory.NONE);
        board.statusLight().show(LightState.RED);
        board.buzzer().failedRead();
        board.onSyncButton(() -> { });
        board.close();
    }

    /** Captures what one logger writes, for asserting the exact lines a technician sees. */
    static final class LogLines implements AutoCloseable {
        private final ch.qos.logback.classic.Logger logger;
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

        private LogLines(Class<?> type) {
            logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(type);
            appender.start();
            logger.addAppender(appender);
        }

        static LogLines of(Class<?> type) {
            return new LogLines(type);
        }

        List<String> messages() {
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }

        @Override
        public void close() {
            logger.detachAppender(appender);
        }
    }
}
