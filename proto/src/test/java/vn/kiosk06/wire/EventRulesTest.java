package vn.kiosk06.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import vn.kiosk06.proto.sync.v1.CaseType;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.JournalSalvaged;
import vn.kiosk06.proto.sync.v1.Reception;
import vn.kiosk06.proto.sync.v1.SeqRange;
import org.junit.jupiter.api.Test;

class EventRulesTest {

    static Event reception(int prevHashBytes) {
        return Event.newBuilder().setSeq(2).setSchemaVersion(EventRules.SCHEMA_VERSION)
                .setWallTimeMs(1_781_000_000_000L).setBootId(ByteString.copyFrom(new byte[EventRules.BOOT_ID_BYTES]))
                .setPrevHash(ByteString.copyFrom(new byte[prevHashBytes]))
                .setReception(Reception.newBuilder().setCaseType(CaseType.BHYT).setDepartment("NOI"))
                .build();
    }

    @Test
    void check_prevHashOf31Bytes_isRefusedNamingTheFieldAndLength() {
        assertThat(EventRules.check(reception(31))).hasValueSatisfying(reason -> assertThat(reason)
                .contains("prev_hash").contains("32 bytes").contains("was 31 bytes"));
    }

    @Test
    void check_prevHashEmptyOr32Bytes_isAccepted() {
        assertThat(EventRules.check(reception(0))).isEmpty();
        assertThat(EventRules.check(reception(32))).isEmpty();
    }

    static Event salvaged(long... firstLast) {
        JournalSalvaged.Builder j = JournalSalvaged.newBuilder().setSalvaged(2900)
                .setDamagedFile("journal.db.damaged-20261204-052900").setReason("integrity check: page 7 is corrupt");
        for (int i = 0; i < firstLast.length; i += 2) {
            j.addLost(SeqRange.newBuilder().setFirst(firstLast[i]).setLast(firstLast[i + 1]));
        }
        return reception(32).toBuilder().setJournalSalvaged(j).build();
    }

    @Test
    void check_journalSalvaged_withAscendingLostRanges_isAccepted() {
        assertThat(EventRules.check(salvaged(101, 160, 300, 300))).isEmpty();
    }

    @Test
    void check_journalSalvaged_overlappingOrBackwardRanges_areRefusedNamingThem() {
        assertThat(EventRules.check(salvaged(101, 160, 150, 170))).hasValue("journal_salvaged.lost must be ascending, "
                + "non-overlapping ranges with 1 ≤ first ≤ last, was 150–170 after 160");
        assertThat(EventRules.check(salvaged(9, 3))).hasValueSatisfying(r -> assertThat(r).contains("was 9–3"));
    }
}
