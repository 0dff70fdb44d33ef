package vn.kiosk06.hardware.gpio;

/** What the status light shows. */
public enum LightState {
    /** Everything synced, readers connected. */
    GREEN,
    /** Events waiting to sync (e.g. offline in a dead zone). */
    AMBER,
    /** An error, or a card reader is disconnected. */
    RED,
    /** All off (shutdown). */
    OFF;

    /**
     * The state for the device's situation: red beats amber beats green.
     *
     * @param readersConnected every configured reader's port is open
     * @param error            an error the operator must see
     * @param backlog          events not yet synced
     */
    public static LightState of(boolean readersConnected, boolean error, long backlog) {
        if (error || !readersConnected) {
            return RED;
        }
        return backlog > 0 ? AMBER : GREEN;
    }
}
