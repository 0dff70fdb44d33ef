package vn.kiosk06.client.hardware;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kiosk06.client.config.ClientConfig;
import vn.kiosk06.client.enroll.DeviceCredential;
import vn.kiosk06.client.enroll.DeviceTransport;
import vn.kiosk06.client.journal.Journal;
import vn.kiosk06.client.sync.SyncWorker;
import vn.kiosk06.hardware.gpio.Gpio;
import vn.kiosk06.hardware.gpio.GpioFactory;
import vn.kiosk06.hardware.identity.CitizenKeyer;
import vn.kiosk06.hardware.identity.Pseudonymizer;

/** Builds the device's hardware from its configuration: readers, printer, GPIO, and the citizen keyer. */
@Factory
final class HardwareBeans {
    private static final Logger LOG = LoggerFactory.getLogger(HardwareBeans.class);

    /** Age groups follow the calendar date in Vietnam, wherever the device's clock zone is set. */
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    /** How long a reading stays on offer to a screen that opens after the scan. */
    static final Duration READING_HOLD = Duration.ofSeconds(30);

    /** Times buzzer patterns, so a beep never holds up a reader's thread. */
    @Singleton
    @Named("hardware-timer")
    @Bean(preDestroy = "shutdownNow")
    ScheduledExecutorService hardwareTimer() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hardware-timer");
            t.setDaemon(true);
            return t;
        });
    }

    @Singleton
    @Bean(preDestroy = "close")
    Gpio gpio(ClientConfig config, @Named("hardware-timer") ScheduledExecutorService timer) {
        if (!config.gpioEnabled()) {
            LOG.info("GPIO off: disabled in the config file (gpio: off); status light, buzzer and sync button are no-ops");
            return GpioFactory.noOp(timer);
        }
        // Logs one line itself: "GPIO on: …" or "GPIO off: no /dev/gpiochip* …", and names any pin it could not
        // open; never throws.
        return GpioFactory.open(config.gpioPins(), timer, Clock.systemUTC());
    }

    /** The deployment's keyed hash for citizens: readers and typed numbers must key the same way. */
    @Singleton
    CitizenKeyer citizenKeyer(ClientConfig config, DeviceTransport transport) {
        // Enrolled: the key the server provisioned, the same on every device. Insecure development: the local secret.
        byte[] secret = transport.credential().map(DeviceCredential::citizenKey).orElseGet(() ->
                CitizenKeySecret.load(config.citizenKeySecretPath(), config.citizenKeySecretFile() == null, new SecureRandom()));
        return new CitizenKeyer(secret);
    }

    @Singleton
    Pseudonymizer pseudonymizer(CitizenKeyer keyer) {
        return new Pseudonymizer(keyer, Clock.system(VIETNAM));
    }

    @Singleton
    ReaderEvents readerEvents() {
        return new ReaderEvents(Clock.systemUTC(), READING_HOLD);
    }

    // @Context: readers open with the app, so reads are journaled even before any screen asks for them.
    @Context
    @Bean(preDestroy = "close")
    CardReaders cardReaders(ClientConfig config, Pseudonymizer pseudonymizer, Journal journal, Gpio gpio,
            ReaderEvents events) {
        return new CardReaders(CardReaders.configured(config), pseudonymizer, journal, gpio.buzzer(), events);
    }

    @Context
    @Bean(preDestroy = "close")
    StatusPanel statusPanel(Gpio gpio, ReaderEvents events, SyncWorker sync, CardReaders readers) {
        StatusPanel panel = new StatusPanel(gpio, events, sync.status(), sync::requestSync);
        sync.onStatus(panel::onSyncStatus);
        return panel;
    }

    @Singleton
    TicketService ticketService(ClientConfig config) {
        return config.printerPort().map(p -> TicketService.onPort(p, config.printerBaud())).orElseGet(TicketService::none);
    }
}
