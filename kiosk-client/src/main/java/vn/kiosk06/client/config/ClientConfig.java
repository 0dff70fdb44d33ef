package vn.kiosk06.client.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The device app's configuration ({@code kiosk06.client.*}; environment variables such as
 * {@code KIOSK06_CLIENT_DEVICE_ID} work too). Usually written by {@link ClientConfigFile} from the file
 * given with {@code ./kiosk06 client --config FILE}.
 *
 * @param deviceId         this device's id, e.g. "kiosk-pq-01"
 * @param server           the aggregator's gRPC address, host:port
 * @param dataDir          where the journal and device state live
 * @param mode             "kiosk" (patient self-service) or "field" (door-to-door handheld)
 * @param journalMaxBytes  disk the journal may use
 * @param retention        how long acked events stay on the device
 * @param syncInterval     how often to sync when idle
 */
@ConfigurationProperties("kiosk06.client")
public record ClientConfig(String deviceId,
                           String server,
                           Path dataDir,
                           @Bindable(defaultValue = "kiosk") String mode,
                           @Bindable(defaultValue = "536870912") long journalMaxBytes,
                           @Bindable(defaultValue = "7d") Duration retention,
                           @Bindable(defaultValue = "60s") Duration syncInterval) {

    public Path journalFile() {
        return dataDir.resolve("journal.db");
    }
}
