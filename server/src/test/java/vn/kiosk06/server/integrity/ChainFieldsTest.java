package vn.kiosk06.server.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.server.store.StoredEvent;
import vn.kiosk06.wire.EventChain;

class ChainFieldsTest {

    @Test
    void readsPrevHashAndJournaledSha256_asAFullParseDoes() throws Exception {
        EventChain chain = new EventChain();
        for (Event e : Chains.payments(5)) {
            Event withJournaled = e.toBuilder().setJournaledSha256(chain.hash(new byte[] {7})).build();
            for (Event stored : List.of(e, withJournaled, e.toBuilder().clearPrevHash().build())) {
                byte[] body = stored.toByteArray();
                ChainFields fields = ChainFields.read(body);
                Event parsed = Event.parseFrom(body);
                assertThat(fields.prevHash()).isEqualTo(parsed.getPrevHash());
                assertThat(fields.journaledSha256()).isEqualTo(parsed.getJournaledSha256());
                assertThat(fields.journaledHash(chain, body)).isEqualTo(chain.journaledHash(parsed, body));
            }
        }
    }

    @Test
    void bytesThatAreNoMessage_failAsAParseDoes_andTheWalkCallsThemUnreadable() {
        byte[] truncated = Chains.payments(1).get(0).toByteArray();
        byte[] cut = java.util.Arrays.copyOf(truncated, truncated.length - 3);
        byte[] badTag = {(byte) 0x07, 1, 2, 3}; // field 0 is no field
        for (byte[] body : List.of(cut, badTag)) {
            assertThatThrownBy(() -> Event.parseFrom(body)).isInstanceOf(InvalidProtocolBufferException.class);
            assertThatThrownBy(() -> ChainFields.read(body)).isInstanceOf(InvalidProtocolBufferException.class);
        }
        ChainVerifier.Result r = ChainVerifier.walk(ChainVerifier.Position.origin(),
                List.of(new StoredEvent(1, cut)), 1, 0);
        assertThat(r.breaks()).extracting(ChainBreak::kind).containsExactly(ChainBreakKind.UNREADABLE);
    }
}
