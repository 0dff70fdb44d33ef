package vn.kiosk06.server.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.server.TestEvents;
import vn.kiosk06.server.store.StoredEvent;

class ChainVerifierTest {

    static ChainVerifier.Result walk(List<StoredEvent> events, long watermark) {
        return ChainVerifier.walk(ChainVerifier.Position.origin(), events, watermark, 42);
    }

    @Test
    void walk_untouchedChain_findsNoBreakAndEndsAtTheLastEvent() {
        ChainVerifier.Result r = walk(Chains.stored(Chains.payments(10)), 10);

        assertThat(r.breaks()).isEmpty();
        assertThat(r.end().seq()).isEqualTo(10);
        assertThat(r.end().chained()).isTrue();
    }

    @Test
    void walk_editedEvent_breaksAtItsSuccessorOnly() {
        List<Event> events = Chains.withAmountEdited(Chains.payments(10), 4, 1);

        ChainVerifier.Result r = walk(Chains.stored(events), 10);

        assertThat(r.breaks()).extracting(ChainBreak::seq, ChainBreak::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(5L, ChainBreakKind.HASH_MISMATCH));
        assertThat(r.breaks().get(0).detail())
                .startsWith("event 5 does not follow event 4: its previous-event hash differs");
    }

    @Test
    void walk_walkedInTwoPieces_findsTheSameAsInOne() {
        List<StoredEvent> events = Chains.stored(Chains.withAmountEdited(Chains.payments(10), 6, 1));

        ChainVerifier.Result first = walk(events.subList(0, 6), 10);
        ChainVerifier.Result second = ChainVerifier.walk(first.end(), events.subList(6, 10), 10, 42);

        assertThat(first.breaks()).isEmpty();
        assertThat(second.breaks()).extracting(ChainBreak::seq).containsExactly(7L);
    }

    @Test
    void walk_firstEventNotStartingFromZeros_isABreakAtSeq1() {
        List<Event> events = new ArrayList<>(Chains.payments(3));
        events.set(0, events.get(0).toBuilder().setPrevHash(new vn.kiosk06.wire.EventChain().hash(new byte[] {1})).build());

        ChainVerifier.Result r = walk(Chains.stored(events), 3);

        assertThat(r.breaks()).extracting(ChainBreak::seq).containsExactly(1L, 2L);
        assertThat(r.breaks().get(0).detail()).startsWith("event 1 does not start the chain");
    }

    @Test
    void walk_prevHashStrippedAfterTheChainStarted_isABreak() {
        List<Event> events = new ArrayList<>(Chains.payments(5));
        events.set(3, events.get(3).toBuilder().clearPrevHash().build());

        ChainVerifier.Result r = walk(Chains.stored(events), 5);

        assertThat(r.breaks()).extracting(ChainBreak::seq, ChainBreak::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple(4L, ChainBreakKind.CHAIN_DROPPED),
                org.assertj.core.groups.Tuple.tuple(5L, ChainBreakKind.HASH_MISMATCH));
    }

    @Test
    void walk_eventsFromBeforeTheChain_areNotBreaks_andTheChainMayStartAfterThem() {
        List<Event> events = new ArrayList<>();
        events.add(TestEvents.reception(1));
        events.add(TestEvents.reception(2));
        events.add(TestEvents.reception(3).toBuilder().setPrevHash(new vn.kiosk06.wire.EventChain().hash(events.get(1).toByteArray())).build());

        assertThat(walk(Chains.stored(events), 3).breaks()).isEmpty();
    }

    @Test
    void walk_gapBelowTheWatermark_isAQuarantineGap_andAboveItAGapNotReceived_neitherCalledTampering() {
        List<StoredEvent> events = new ArrayList<>(Chains.stored(Chains.payments(10)));
        events.remove(6); // seq 7
        events.remove(2); // seq 3

        ChainVerifier.Result r = walk(events, 5);

        assertThat(r.breaks()).extracting(ChainBreak::seq, ChainBreak::kind, ChainBreak::tampering).containsExactly(
                org.assertj.core.groups.Tuple.tuple(4L, ChainBreakKind.GAP_QUARANTINED, false),
                org.assertj.core.groups.Tuple.tuple(8L, ChainBreakKind.GAP_MISSING, false));
        assertThat(r.breaks().get(0).detail()).startsWith("seq 3 is missing (quarantined)")
                .contains("not necessarily tampering");
        assertThat(r.breaks().get(1).detail()).startsWith("seq 7 is missing (not received)");
    }
}
