package vn.kiosk06.server.enroll;

import java.time.Instant;
import java.util.Optional;

/**
 * A device as the registry knows it, for the admin's list and the dashboard.
 *
 * @param deviceId      the device's id
 * @param unitCode      the org unit it was registered for
 * @param state         where it is in its life
 * @param registeredAt  when an admin registered it (or last issued it a new code)
 * @param registeredBy  who did
 * @param codeExpiresAt when its pending code expires; empty once used
 * @param enrolledAt    when it exchanged its code
 * @param revokedAt     when it was revoked
 * @param revokedBy     who revoked it
 */
public record RegisteredDevice(String deviceId, String unitCode, State state, Instant registeredAt, String registeredBy,
                               Optional<Instant> codeExpiresAt, Optional<Instant> enrolledAt,
                               Optional<Instant> revokedAt, Optional<String> revokedBy) {

    public enum State {
        /** A code was issued and not yet used. */
        PENDING,
        /** The code expired unused; "device add" again issues a new one. */
        CODE_EXPIRED,
        /** The device holds a credential and may sync. */
        ENROLLED,
        /** Refused from its next call on. */
        REVOKED
    }
}
