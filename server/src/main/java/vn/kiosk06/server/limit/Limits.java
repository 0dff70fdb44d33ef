package vn.kiosk06.server.limit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Per-client limits ({@code kiosk06.server.limits.*}); the message-size limit is
 * {@code grpc.server.max-inbound-message-size} and the batch limit 5,000 events (the wire contract).
 *
 * @param deviceCallsPerSecond  sustained sync calls and upload batches per device; a device draining a backlog sends
 *                              a few batches a second, a runaway or hostile one far more
 * @param deviceBurst           batches a device may send at once before the rate applies
 * @param enrollPerMinute       enrollment attempts per client address and minute (codes are 98-bit random; this
 *                              stops guessing and keeps the registry's load small)
 * @param enrollBurst           enrollment attempts an address may make at once
 */
@ConfigurationProperties("kiosk06.server.limits")
public record Limits(@Bindable(defaultValue = "20") double deviceCallsPerSecond,
                     @Bindable(defaultValue = "200") int deviceBurst,
                     @Bindable(defaultValue = "6") double enrollPerMinute,
                     @Bindable(defaultValue = "10") int enrollBurst) {
}
