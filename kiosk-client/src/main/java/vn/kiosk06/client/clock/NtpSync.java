package vn.kiosk06.client.clock;

/** What the operating system says about its own clock synchronisation. */
public enum NtpSync {
    /** The OS reports its clock synchronised by NTP. */
    SYNCHRONIZED,
    /** The OS reports its clock not synchronised. */
    NOT_SYNCHRONIZED,
    /** The OS cannot be asked here (no timedatectl, no systemd-timesyncd, not Linux). */
    UNKNOWN
}
