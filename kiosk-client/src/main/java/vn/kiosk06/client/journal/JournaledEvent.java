package vn.kiosk06.client.journal;

import vn.kiosk06.proto.sync.v1.Event;

/**
 * An event as it sits in the journal: its seq and the exact bytes that were committed (a serialized
 * {@link Event}), which are what goes on the wire.
 */
public record JournaledEvent(long seq, byte[] body) {

    public Event parse() {
        try {
            return Event.parseFrom(body);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new JournalException("journal row seq " + seq + " is not a valid event: " + e.getMessage(), e);
        }
    }
}
