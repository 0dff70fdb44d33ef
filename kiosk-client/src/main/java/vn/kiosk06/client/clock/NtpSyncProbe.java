package vn.kiosk06.client.clock;

/**
 * Asks the operating system whether its clock is NTP-synchronised. The boundary to the OS, so tests can
 * substitute a lambda. Implementations are thread-safe and never throw: what cannot be asked is
 * {@link NtpSync#UNKNOWN}.
 */
@FunctionalInterface
public interface NtpSyncProbe {

    /** The OS's current synchronisation status. */
    NtpSync probe();
}
