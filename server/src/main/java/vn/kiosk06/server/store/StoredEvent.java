package vn.kiosk06.server.store;

/** One stored event of a device: its seq and its bytes exactly as stored ({@code Event} protobuf). */
public record StoredEvent(long seq, byte[] body) {
}
