package vn.kiosk06.client.journal;

import java.util.Optional;

/**
 * How much room the journal has, for the device's status page and its heartbeat.
 *
 * @param journalBytes disk the journal uses now (live pages and write-ahead log)
 * @param maxBytes     the journal's configured limit
 * @param freeBytes    free disk on the journal's filesystem (statvfs)
 * @param minFreeBytes the reserve kept for the OS: below it appends are refused
 * @param warnFreeBytes below this much free disk the device warns
 * @param refusal      why the last append was refused for space, while no append has succeeded since
 */
public record JournalSpace(long journalBytes, long maxBytes, long freeBytes, long minFreeBytes, long warnFreeBytes,
                           Optional<String> refusal) {

    /** The three states a screen and a technician act on. */
    public enum State {
        /** Room for days of events. */
        OK,
        /** Still accepting events, but the journal is past {@link JournalSettings#WARN_PERCENT} of its limit or the
         *  disk is below the warning level: sync the device or free space soon. */
        LOW,
        /** New events are refused until space returns; nothing logged was dropped. */
        FULL
    }

    /** The journal's use of its limit, 0–100. */
    public int journalPercent() {
        return (int) Math.min(100, journalBytes * 100 / maxBytes);
    }

    public State state() {
        if (refusal.isPresent() || freeBytes < minFreeBytes) {
            return State.FULL;
        }
        if (journalPercent() >= JournalSettings.WARN_PERCENT || freeBytes < warnFreeBytes) {
            return State.LOW;
        }
        return State.OK;
    }

    /** A sentence for the status page; empty when all is well. */
    public Optional<String> message() {
        return switch (state()) {
            case OK -> Optional.empty();
            case FULL -> Optional.of(refusal.orElse(String.format("the device's storage is full: %d MiB free on its "
                    + "disk, %d MiB are kept for the system; new events are refused until the device syncs or space "
                    + "is freed on the card", freeBytes >> 20, minFreeBytes >> 20)));
            case LOW -> Optional.of(String.format("storage is running low: the journal uses %d %% of its %d MiB and "
                    + "the disk has %d MiB free; let the device sync, or free space on the card",
                    journalPercent(), maxBytes >> 20, freeBytes >> 20));
        };
    }
}
