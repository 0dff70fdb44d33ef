package vn.kiosk06.server.limit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Per-client limits ({@code kiosk06.server.limits.*}); the message-size limit is
 * {@code grpc.server.max-inbound-message-size} and the batch limit 5,000 events (the wire contract).
 *
 * @param deviceCallsPerSecond  sustained handshakes and upload batches per device: a device draining a backlog as
 *                              fast as ingest allows sends about 70 batches of 2,000 events a second (bench sync),
 *                              a runaway or hostile one floods with many more, smaller calls
 * @param deviceBurst           calls a device may make at once before the rate applies; 500 lets a 1,000,000-event
 *                              backlog drain unthrottled
 * @param enrollPerMinute       enrollment attempts per client address and minute (codes are 98-bit random; this
 *                              stops guessing and keeps the registry's load small)
 * @param enrollBurst           enrollment attempts an address may make at once
 */
@ConfigurationProperties("kiosk06.server.limits")
public record Limits(@Bindable(defaultValue = "100") double deviceCallsPerSecond,
                     @Bindable(defaultValue = "500") int deviceBurst,
                     @Bindable(defaultValue = "6") double enrollPerMinute,
                     @Bindable(defaultValue = "10") int enrollBurst) {
}
