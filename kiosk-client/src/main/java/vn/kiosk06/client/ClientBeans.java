package vn.kiosk06.client;

import io.grpc.ManagedChannel;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Random;
import vn.kiosk06.client.clock.ClockQuality;
import vn.kiosk06.client.clock.ClockQualityPolicy;
import vn.kiosk06.client.clock.DeviceClock;
import vn.kiosk06.client.clock.NtpSyncProbe;
import vn.kiosk06.client.clock.SystemDeviceClock;
import vn.kiosk06.client.clock.SystemNtpSyncProbe;
import vn.kiosk06.client.config.ClientConfig;
import vn.kiosk06.client.enroll.DeviceTransport;
import vn.kiosk06.client.journal.Journal;
import vn.kiosk06.client.sync.Backoff;
import vn.kiosk06.client.sync.ClockSampleRecorder;
import vn.kiosk06.client.sync.SyncSettings;
import vn.kiosk06.client.sync.SyncWorker;

/** Builds the device app's long-lived parts from its configuration. */
@Factory
final class ClientBeans {

    static final String APP_VERSION = "0.1.0";

    @Singleton
    DeviceClock deviceClock() {
        return SystemDeviceClock.start();
    }

    @Singleton
    NtpSyncProbe ntpSyncProbe() {
        return SystemNtpSyncProbe.create();
    }

    /** The device's verdict on its clock, fed by every sync handshake (see {@link #syncWorker}). */
    @Singleton
    ClockQuality clockQuality(DeviceClock clock, NtpSyncProbe ntp) {
        return new ClockQuality(clock, ntp, ClockQualityPolicy.defaults());
    }

    /** Enrolled (TLS, credential) or, with {@code insecure: true}, plaintext; refuses to start otherwise. */
    @Singleton
    DeviceTransport deviceTransport(ClientConfig config) {
        return DeviceTransport.decide(config.deviceId(), config.dataDir(), config.insecure());
    }

    @Singleton
    @Bean(preDestroy = "shutdownNow")
    ManagedChannel channel(ClientConfig config, DeviceTransport transport) {
        return transport.channel(config.server());
    }

    // @Context: the worker exists from the start (the journal's append listener, the status bar); SyncStarter starts
    // its thread once the local HTTP server listens.
    @Context
    @Bean(preDestroy = "close")
    SyncWorker syncWorker(ClientConfig config, Journal journal, ManagedChannel channel, DeviceClock clock,
                          ClockQuality clockQuality, NtpSyncProbe ntp, DeviceTransport transport) {
        SyncSettings d = SyncSettings.defaults();
        SyncSettings settings = new SyncSettings(d.batchEvents(), d.maxInflightBatches(), d.maxBatchesPerCall(),
                d.handshakeDeadline(), d.uploadDeadline(), config.syncInterval(), d.linger(), d.backoffBase(), d.backoffCap());
        SyncWorker worker = new SyncWorker(config.deviceId(), APP_VERSION, journal, channel, settings, clock,
                Clock.systemUTC(), new Backoff(settings.backoffBase(), settings.backoffCap(), new Random()),
                transport.interceptors());
        // Before start(), so the first handshake's measurement is not missed.
        worker.onClockSample(new ClockSampleRecorder(config.deviceId(), clockQuality));
        worker.reportOsClockSync(ntp);
        return worker;
    }
}
