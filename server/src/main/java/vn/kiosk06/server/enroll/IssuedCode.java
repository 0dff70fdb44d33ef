package vn.kiosk06.server.enroll;

import java.time.Instant;
import vn.kiosk06.wire.EnrollmentCode;

/**
 * A fresh enrollment code, shown once to the admin who asked for it; the registry keeps only its hash.
 *
 * @param deviceId  the device it enrolls
 * @param code      the code to hand to the technician ({@link EnrollmentCode#text()})
 * @param expiresAt when it stops working
 */
public record IssuedCode(String deviceId, EnrollmentCode code, Instant expiresAt) {
}
