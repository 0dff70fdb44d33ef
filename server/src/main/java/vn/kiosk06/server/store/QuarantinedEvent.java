package vn.kiosk06.server.store;

/**
 * A malformed event kept aside with the reason it was refused, so it is neither lost nor allowed to block the
 * device's queue.
 */
public record QuarantinedEvent(long seq, String reason, byte[] body) {
}
