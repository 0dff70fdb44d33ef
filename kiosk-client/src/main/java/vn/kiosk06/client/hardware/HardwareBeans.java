package vn.kiosk06.client.hardware;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
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
import vn.kiosk06.proto.sync.v1.SealingKey;

/** Builds the device's hardware from its configuration: readers, printer, GPIO, and the sealing of citizen ids. */
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

    /**
     * How citizen numbers leave the readers: sealed to the server's public key (from enrollment, then from each
     * handshake). Without one — a device enrolled before sealing, until its next handshake, or insecure
     * development — keyed with the citizen key the device holds, as before.
     */
    @Singleton
    CitizenSealing citizenSealing(ClientConfig config, DeviceTransport transport, SyncWorker sync) {
        Optional<DeviceCredential> credential = transport.credential();
        Optional<SealingKey> sealingKey = credential.flatMap(DeviceCredential::sealingKey);
        // Loaded now, so a missing or unsafe secret file stops the start with its reason, not the first card read.
        CitizenKeyer fallback = sealingKey.isPresent() ? null
                : new CitizenKeyer(credential.map(DeviceCredential::legacyCitizenKey).orElseGet(() ->
                        CitizenKeySecret.load(config.citizenKeySecretPath(), config.citizenKeySecretFile() == null,
                                new SecureRandom())));
        CitizenSealing sealing = new CitizenSealing(sealingKey, () -> fallback,
                key -> credential.ifPresent(c -> rememberSealingKey(c, key, config)));
        sync.onConfig(sealing::onConfig);
        return sealing;
    }

    /** Keeps the server's new sealing key in the credential file, which from then on holds no citizen key. */
    private static void rememberSealingKey(DeviceCredential credential, SealingKey key, ClientConfig config) {
        try {
            credential.withSealingKey(key).save(config.dataDir());
            if (credential.legacyCitizenKey().length > 0) {
                LOG.info("citizen key deleted from {}: this device now seals citizen ids to the server's key {}",
                        DeviceCredential.file(config.dataDir()), key.getKeyId());
            }
        } catch (IOException e) {
            LOG.error("citizen ids: cannot save the server's sealing key in {}: {} (sealing with it until restart)",
                    DeviceCredential.file(config.dataDir()), e.getMessage());
        }
    }

    @Singleton
    Pseudonymizer pseudonymizer(CitizenSealing sealing) {
        return new Pseudonymizer(sealing, Clock.system(VIETNAM));
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
