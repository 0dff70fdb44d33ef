package vn.kiosk06.server.time;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The clock-correction tolerances of a deployment ({@code kiosk06.server.time.*}; in server.yml the
 * {@code clock-*} keys). See {@link TimeCorrectionPolicy} for what each means; the defaults are its defaults.
 */
@ConfigurationProperties("kiosk06.server.time")
public record TimeCorrectionConfig(@Bindable(defaultValue = "2ms") Duration offsetFloor,
                                   @Bindable(defaultValue = "30s") Duration maxRoundTrip,
                                   @Bindable(defaultValue = "2s") Duration stepTolerance,
                                   @Bindable(defaultValue = "5m") Duration futureTolerance,
                                   @Bindable(defaultValue = "100") int driftPpm) {

    /** The policy these settings make; throws naming the bad setting. */
    public TimeCorrectionPolicy policy() {
        return new TimeCorrectionPolicy(futureTolerance, stepTolerance, maxRoundTrip, driftPpm, offsetFloor);
    }
}
