package vn.kiosk06.server.time;

/**
 * How the server arrived at an event's time, from most to least direct evidence. Reports count
 * {@link #UNKNOWN} events under their own line, never in a guessed period.
 */
public enum TimeQuality {
    /** Device wall time plus the offset measured in the same boot, the wall clock not having been stepped in between. */
    MEASURED,
    /** Server time of a measurement in the same boot, moved by the monotonic time between it and the event. */
    ANCHORED,
    /** No trustworthy time: no measurement in the event's boot, or the result lay in the future. */
    UNKNOWN
}
