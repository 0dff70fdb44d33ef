package vn.kiosk06.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnrollmentCodeTest {

    final byte[] fingerprint = new byte[32];

    @Test
    void text_parsesBack_withOrWithoutAddress_inAnyCase() {
        fingerprint[0] = (byte) 0xab;
        EnrollmentCode code = EnrollmentCode.random(new SecureRandom(), fingerprint, Optional.of("10.0.0.5:7443"));

        EnrollmentCode parsed = EnrollmentCode.parse("  " + code.text().toLowerCase().replace("@10.0.0.5", "@10.0.0.5") + "\n");

        assertThat(parsed.secret()).isEqualTo(code.secret());
        assertThat(parsed.fingerprint()).isEqualTo(fingerprint);
        assertThat(parsed.address()).contains("10.0.0.5:7443");
        assertThat(code.text()).startsWith("K6-").contains("-ab000000").endsWith("@10.0.0.5:7443");
        assertThat(EnrollmentCode.parse(code.text().substring(0, code.text().indexOf('@'))).address()).isEmpty();
        assertThat(code.toString()).doesNotContain(code.secret());
    }

    @Test
    void malformedCodes_areRefusedSayingWhichPart() {
        assertThatThrownBy(() -> EnrollmentCode.parse("hello")).hasMessageContaining("looks like K6-");
        assertThatThrownBy(() -> EnrollmentCode.parse("K6-ABCDEFGHJKMNPQRSTWXY-abc")).hasMessageContaining("64 hex digits");
        assertThatThrownBy(() -> EnrollmentCode.parse("K6-ABC-" + "0".repeat(64))).hasMessageContaining("20 characters");
        assertThatThrownBy(() -> EnrollmentCode.parse("K6-ABCDEFGHJKMNPQRSTWXY-" + "0".repeat(64) + "@nohost"))
                .hasMessageContaining("host:port");
    }
}
