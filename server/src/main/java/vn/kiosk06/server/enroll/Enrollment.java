package vn.kiosk06.server.enroll;

/**
 * What a device gets for a valid code.
 *
 * @param deviceId     the device the code was issued for
 * @param deviceSecret its new secret (the registry keeps only the hash)
 * @param unitCode     its org unit
 */
public record Enrollment(String deviceId, String deviceSecret, String unitCode) {

    @Override
    public String toString() {
        return "Enrollment[" + deviceId + ", " + unitCode + "]";
    }
}
