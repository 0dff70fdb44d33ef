package vn.kiosk06.client.hardware;

import vn.kiosk06.hardware.serial.SocatPair;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.wire.BootId;
import vn.kiosk06.client.clock.FakeDeviceClock;
import vn.kiosk06.client.journal.Journal;
import vn.kiosk06.client.journal.JournalSettings;
import vn.kiosk06.client.sync.SyncStatus;
import vn.kiosk06.hardware.gpio.Gpio;
import vn.kiosk06.hardware.gpio.GpioFactory;
import vn.kiosk06.hardware.gpio.GpioPins;
import vn.kiosk06.hardware.gpio.LightState;
import vn.kiosk06.hardware.identity.CitizenKeyer;
import vn.kiosk06.hardware.identity.Pseudonymizer;
import vn.kiosk06.hardware.reader.ReaderConfig;
import vn.kiosk06.hardware.reader.ReaderProfile;
import vn.kiosk06.hardware.serial.Framing;
import vn.kiosk06.hardware.serial.SerialPortConfig;
import vn.kiosk06.hardware.sim.SyntheticPeople;

/**
 * The status panel on Pi4J's mock platform with a real QR reader on a pseudo-terminal: the light follows sync and
 * the reader's cable, the button asks for a sync, the buzzer beeps once per good read and three times per bad one.
 */
class StatusPanelTest {

    @TempDir
    Path dir;

    private Context pi4j;
    private Gpio gpio;
    private ScheduledExecutorService timer;
    private SocatPair pty;
    private Journal journal;
    private CardReaders readers;
    private StatusPanel panel;
    private final ReaderEvents events = new ReaderEvents(Clock.systemUTC(), Duration.ofSeconds(30));
    private final AtomicInteger syncRequests = new AtomicInteger();
    private final AtomicInteger beeps = new AtomicInteger();

    @BeforeEach
    void setUp() {
        timer = Executors.newSingleThreadScheduledExecutor();
        pi4j = Pi4J.newContextBuilder()
                .add(new MockPlatform())
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
                .build();
        gpio = GpioFactory.onContext(pi4j, MockDigitalOutputProvider.ID, MockDigitalInputProvider.ID,
                GpioPins.defaults(), timer, Clock.systemUTC());
        DigitalOutput buzzer = pi4j.registry().get("kiosk-buzzer");
        buzzer.addListener(e -> {
            if (e.state() == DigitalState.HIGH) {
                beeps.incrementAndGet();
            }
        });
        pty = new SocatPair(dir);
        journal = Journal.open(dir.resolve("journal.db"), JournalSettings.defaults(),
                new FakeDeviceClock(BootId.of(java.util.UUID.randomUUID()), Instant.parse("2026-06-19T01:00:00Z").toEpochMilli(), Duration.ZERO));
        // A short re-open backoff so the replug is noticed quickly.
        ReaderConfig qr = new ReaderConfig(ReaderProfile.QR, SerialPortConfig.of(pty.hostPath(), Framing.LINE)
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(200)));
        readers = new CardReaders(List.of(qr), new Pseudonymizer(new CitizenKeyer(new byte[32]), Clock.systemUTC()),
                journal, gpio.buzzer(), events);
        panel = new StatusPanel(gpio, events, status(SyncStatus.State.SYNCED, 0), syncRequests::incrementAndGet);
    }

    @AfterEach
    void tearDown() {
        panel.close();
        readers.close();
        journal.close();
        pty.close();
        gpio.close(); // shuts the Pi4J context down
        timer.shutdownNow();
    }

    private static SyncStatus status(SyncStatus.State state, long backlog) {
        return new SyncStatus(state, backlog, backlog, 0, Optional.empty(), Optional.empty(),
                state == SyncStatus.State.OFFLINE ? Optional.of("server unreachable") : Optional.empty(), 0);
    }

    private DigitalState pin(String id) {
        DigitalOutput out = pi4j.registry().get(id);
        return out.state();
    }

    private boolean lit(String onlyOn) {
        return List.of("kiosk-light-green", "kiosk-light-amber", "kiosk-light-red").stream()
                .allMatch(id -> pin(id) == (id.equals(onlyOn) ? DigitalState.HIGH : DigitalState.LOW));
    }

    @Test
    void light_amberWithBacklog_greenAfterSync_redWhenSyncFailsOrReaderUnplugged() {
        await().atMost(Duration.ofSeconds(10)).until(events::allConnected);
        await().atMost(Duration.ofSeconds(5)).until(() -> lit("kiosk-light-green"));

        panel.onSyncStatus(status(SyncStatus.State.WAITING, 12));
        assertThat(panel.state()).isEqualTo(LightState.AMBER);
        assertThat(lit("kiosk-light-amber")).isTrue();

        panel.onSyncStatus(status(SyncStatus.State.SYNCED, 0));
        assertThat(lit("kiosk-light-green")).isTrue();

        panel.onSyncStatus(status(SyncStatus.State.OFFLINE, 3));
        assertThat(lit("kiosk-light-red")).isTrue();
        panel.onSyncStatus(status(SyncStatus.State.SYNCED, 0));
        assertThat(lit("kiosk-light-green")).isTrue();

        pty.unplug();
        await().atMost(Duration.ofSeconds(10)).until(() -> lit("kiosk-light-red"));
        assertThat(events.readers()).singleElement().satisfies(r -> assertThat(r.connected()).isFalse());

        pty.plug();
        await().atMost(Duration.ofSeconds(10)).until(() -> lit("kiosk-light-green"));
    }

    @Test
    void syncButton_pressed_requestsSync() {
        MockDigitalInput button = pi4j.registry().get("kiosk-sync-button");

        button.mockState(DigitalState.HIGH); // idle (pull-up)
        button.mockState(DigitalState.LOW); // pressed

        await().atMost(Duration.ofSeconds(5)).until(() -> syncRequests.get() == 1);
    }

    @Test
    void buzzer_beepsOncePerGoodRead_threeTimesPerFailedRead_andEachReadIsJournaled() {
        await().atMost(Duration.ofSeconds(10)).until(events::allConnected);
        String qr = new SyntheticPeople(new Random(7)).next().cccdQr();

        pty.deviceWrites((qr + "\r\n").getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(5)).until(() -> beeps.get() == 1 && pin("kiosk-buzzer") == DigitalState.LOW);

        pty.deviceWrites("not a card\r\n".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(5)).until(() -> beeps.get() == 4 && pin("kiosk-buzzer") == DigitalState.LOW);

        assertThat(journal.readAfter(0, 10)).extracting(e -> e.parse().getCardRead().getOutcome().name())
                .containsExactly("READ_OK", "READ_FAILED");
        assertThat(events.readers()).singleElement()
                .satisfies(r -> assertThat(r.readsOk()).isEqualTo(1))
                .satisfies(r -> assertThat(r.readsFailed()).isEqualTo(1));
    }
}
