package vn.kiosk06.server.report;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and when a reported event happened.
 *
 * @param device the code of the device that logged it (a kiosk or a team's handheld), for liveness
 * @param unit   the org unit the figure counts toward: usually the device itself, but for a field assist
 *               the ward or village where the citizen was helped
 * @param time   when it happened, server-corrected; empty when the device clock could not be trusted
 *               and no correction was possible, in which case the event is in no period and is counted
 *               as "time unknown"
 */
public record EventOrigin(String device, String unit, Optional<Instant> time) {

    public EventOrigin {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(time, "time");
    }

    /** An event of {@code device}, counted toward the device's own unit, at {@code time}. */
    public static EventOrigin at(String device, Instant time) {
        return new EventOrigin(device, device, Optional.of(time));
    }

    /** An event of {@code device} whose time is unknown. */
    public static EventOrigin timeUnknown(String device) {
        return new EventOrigin(device, device, Optional.empty());
    }

    /** The same origin, counted toward {@code unitCode} instead. */
    public EventOrigin countedAt(String unitCode) {
        return new EventOrigin(device, unitCode, time);
    }
}
