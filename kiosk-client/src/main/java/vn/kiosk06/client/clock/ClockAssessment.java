package vn.kiosk06.client.clock;

/**
 * A verdict on the device's clock with its reason, for the device's status page and heartbeat, e.g.
 * {@code UNTRUSTED "clock 3 days fast"}. Immutable and thread-safe.
 *
 * @param trust  the verdict
 * @param reason a short sentence a field worker can act on
 */
public record ClockAssessment(ClockTrust trust, String reason) {

    public ClockAssessment {
        if (trust == null) {
            throw new IllegalArgumentException("trust must be set, was null");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason must be a non-blank sentence, was "
                    + (reason == null ? "null" : "\"" + reason + "\""));
        }
    }

    public boolean trusted() {
        return trust == ClockTrust.TRUSTED;
    }
}
