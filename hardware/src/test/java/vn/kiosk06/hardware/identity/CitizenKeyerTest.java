package vn.kiosk06.hardware.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class CitizenKeyerTest {
    private static final byte[] SECRET = "deployment-secret-phu-quoc-2026".getBytes(StandardCharsets.UTF_8);

    @Test
    void keyOf_isHmacSha256TruncatedTo16Bytes() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal("001090012345".getBytes(StandardCharsets.UTF_8)), 0, 16);
        assertThat(new CitizenKeyer(SECRET).keyOf("001090012345").hex()).isEqualTo(expected).hasSize(32);
    }

    @Test
    void keyOf_sameSecret_isStable_otherSecret_differs() {
        CitizenKeyer a = new CitizenKeyer(SECRET);
        assertThat(a.keyOf("001090012345")).isEqualTo(new CitizenKeyer(SECRET.clone()).keyOf("001090012345"));
        byte[] other = SECRET.clone();
        other[0] ^= 1;
        assertThat(new CitizenKeyer(other).keyOf("001090012345")).isNotEqualTo(a.keyOf("001090012345"));
    }

    @Test
    void constructor_shortSecret_isRejected() {
        assertThatThrownBy(() -> new CitizenKeyer(new byte[8])).hasMessageContaining("at least 16 bytes, was 8");
    }

    @Test
    void keyOf_callerWipesSecret_keysUnchanged() {
        byte[] secret = SECRET.clone();
        CitizenKeyer keyer = new CitizenKeyer(secret);
        CitizenKey before = keyer.keyOf("x");
        java.util.Arrays.fill(secret, (byte) 0);
        assertThat(keyer.keyOf("x")).isEqualTo(before);
    }
}
