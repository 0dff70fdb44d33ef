package vn.kiosk06.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.util.Optional;
import vn.kiosk06.proto.sync.v1.CardRead;
import vn.kiosk06.proto.sync.v1.CaseType;
import vn.kiosk06.proto.sync.v1.DeviceHeartbeat;
import vn.kiosk06.proto.sync.v1.FieldActivity;
import vn.kiosk06.proto.sync.v1.FieldAssist;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.JournalSalvaged;
import vn.kiosk06.proto.sync.v1.Reception;
import vn.kiosk06.proto.sync.v1.SeqRange;
import vn.kiosk06.proto.sync.v1.VoidEvent;
import vn.kiosk06.proto.sync.v1.VoidReason;
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

    @Test
    void deviceIdsAndCodes_areOneTo64Or32OfLettersDigitsDotUnderscoreDash_asTheyWereWithTheRegex() {
        assertThat(EventRules.checkDeviceId("kiosk-BV01_a.2")).isEmpty();
        assertThat(EventRules.checkDeviceId("x".repeat(64))).isEmpty();
        assertThat(EventRules.checkDeviceId("x".repeat(65))).hasValueSatisfying(r -> assertThat(r).contains("1–64"));
        assertThat(EventRules.checkDeviceId("")).isPresent();
        for (String bad : new String[] {"kiosk 1", "kiosk/1", "ki\u00f4sk", "k\u0661", "a\nb", "a+b"}) {
            assertThat(EventRules.checkDeviceId(bad)).as(bad).isPresent();
        }
        assertThat(EventRules.isIdentifier("TX-2026.11_05", 32)).isTrue();
        assertThat(EventRules.isIdentifier("x".repeat(33), 32)).isFalse();
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

    static Event voidOf(long seq, long voidedSeq, VoidReason reason) {
        return reception(32).toBuilder().setSeq(seq)
                .setVoidEvent(VoidEvent.newBuilder().setVoidedSeq(voidedSeq).setReason(reason)).build();
    }

    @Test
    void voidEvent_ofAnEarlierSeqWithAReason_isAccepted() {
        assertThat(EventRules.check(voidOf(7, 6, VoidReason.MISTAP))).isEmpty();
        assertThat(EventRules.check(voidOf(7, 1, VoidReason.DUPLICATE))).isEmpty();
    }

    @Test
    void voidEvent_ofItselfOrALaterSeq_isRefusedNamingTheRange() {
        assertThat(EventRules.check(voidOf(7, 7, VoidReason.MISTAP))).hasValue(
                "void_event.voided_seq must point to an earlier event of this device (1..6), was 7");
        assertThat(EventRules.check(voidOf(7, 9, VoidReason.MISTAP))).hasValueSatisfying(r -> assertThat(r).contains("was 9"));
        assertThat(EventRules.check(voidOf(7, 0, VoidReason.MISTAP))).hasValueSatisfying(r -> assertThat(r).contains("was 0"));
    }

    @Test
    void voidEvent_withoutAReason_isRefused() {
        assertThat(EventRules.check(voidOf(7, 6, VoidReason.VOID_REASON_UNSPECIFIED)))
                .hasValue("void_event.reason is required");
    }

    @Test
    void voidTarget_aCountedEventCanBeVoided_aHeartbeatACardReadAVoidOrNothingCannot() {
        assertThat(EventRules.checkVoidTarget(2, Optional.of(reception(32)))).isEmpty();
        assertThat(EventRules.checkVoidTarget(3, Optional.of(reception(32).toBuilder()
                .setFieldAssist(FieldAssist.newBuilder().setActivity(FieldActivity.EHEALTH_BOOK)).build()))).isEmpty();
        assertThat(EventRules.checkVoidTarget(4, Optional.of(reception(32).toBuilder()
                .setHeartbeat(DeviceHeartbeat.newBuilder().setAppVersion("1")).build())))
                .hasValue("void_event.voided_seq 4 is a heartbeat, which cannot be voided");
        assertThat(EventRules.checkVoidTarget(5, Optional.of(voidOf(5, 4, VoidReason.MISTAP))))
                .hasValue("void_event.voided_seq 5 is itself a void; a void cannot be voided");
        assertThat(EventRules.checkVoidTarget(6, Optional.of(reception(32).toBuilder()
                .setCardRead(CardRead.newBuilder()).build()))).hasValueSatisfying(r -> assertThat(r).contains("card read"));
        assertThat(EventRules.checkVoidTarget(8, Optional.empty()))
                .hasValue("void_event.voided_seq 8 names no event of this device");
    }
}
