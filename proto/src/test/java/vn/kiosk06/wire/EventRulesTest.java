package vn.kiosk06.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import vn.kiosk06.proto.sync.v1.CaseType;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.Reception;
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
}
