package vn.kiosk06.hardware.identity;

import java.util.Objects;
import vn.kiosk06.wire.seal.CitizenNumber;

/**
 * Turns a citizen's number into the only form that may leave the hardware module ({@link ProtectedCitizen}).
 * Implementations must be thread-safe: readers call it from their own threads.
 */
@FunctionalInterface
public interface CitizenProtector {

    /** The protected form of {@code number}. */
    ProtectedCitizen protect(CitizenNumber number);

    /** Keys numbers on the device with {@code keyer}: development and tests only (the key could test IDs). */
    static CitizenProtector keyed(CitizenKeyer keyer) {
        Objects.requireNonNull(keyer, "keyer");
        return number -> new ProtectedCitizen.Keyed(keyer.keyOf(number.digits()));
    }
}
