package vn.kiosk06.server.metrics;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * What the fleet gauges count ({@code kiosk06.server.metrics.*}).
 *
 * @param silentAfter a device that has not called for longer than this counts in {@code kiosk06_devices_silent}
 * @param refresh     how long one read of the fleet serves scrapes: a scrape never costs more than one store read
 *                    per this period, however many series read it
 */
@ConfigurationProperties("kiosk06.server.metrics")
public record MetricsConfig(@Bindable(defaultValue = "6h") Duration silentAfter,
                            @Bindable(defaultValue = "2s") Duration refresh) {

    public MetricsConfig {
        if (silentAfter.isNegative() || silentAfter.isZero()) {
            throw new IllegalArgumentException("kiosk06.server.metrics.silent-after must be > 0, was " + silentAfter);
        }
    }
}
