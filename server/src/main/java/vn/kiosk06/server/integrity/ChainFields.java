package vn.kiosk06.server.integrity;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.wire.EventChain;

/**
 * The two fields of a stored event the chain check needs — {@code prev_hash} and {@code journaled_sha256} — read
 * from its bytes without building the event: the walk visits every stored event, and a full parse of each was most
 * of its cost while ingest ran (issue 16's profile). The rest of the message is skipped field by field, so bytes
 * that are not a message at all (a wrong tag, a length past the end) still fail as they did with a parse.
 */
record ChainFields(ByteString prevHash, ByteString journaledSha256) {

    private static final int PREV_HASH = Event.PREV_HASH_FIELD_NUMBER;
    private static final int JOURNALED_SHA256 = Event.JOURNALED_SHA256_FIELD_NUMBER;

    static ChainFields read(byte[] body) throws InvalidProtocolBufferException {
        try {
            CodedInputStream in = CodedInputStream.newInstance(body);
            ByteString prev = ByteString.EMPTY;
            ByteString journaled = ByteString.EMPTY;
            int tag;
            while ((tag = in.readTag()) != 0) {
                int field = WireFormat.getTagFieldNumber(tag);
                if (field == PREV_HASH && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    prev = in.readBytes();
                } else if (field == JOURNALED_SHA256
                        && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    journaled = in.readBytes();
                } else if (!in.skipField(tag)) {
                    throw new InvalidProtocolBufferException("end-group tag outside a group");
                }
            }
            return new ChainFields(prev, journaled);
        } catch (InvalidProtocolBufferException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new InvalidProtocolBufferException(e);
        }
    }

    /** What the next event's link covers: the hash of the bytes the device journaled (see {@link EventChain#journaledHash}). */
    ByteString journaledHash(EventChain chain, byte[] body) {
        return journaledSha256.isEmpty() ? chain.hash(body) : journaledSha256;
    }
}
