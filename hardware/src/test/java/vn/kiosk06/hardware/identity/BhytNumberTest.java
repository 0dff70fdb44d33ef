package vn.kiosk06.hardware.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BhytNumberTest {
    @ParameterizedTest
    @ValueSource(strings = {"7912345678", "HS4010120878811", "hs 4 01 0120878811", " 79-1234-5678 ", "GD5790000000001"})
    void parse_typedValidNumbers_areAccepted(String typed) {
        assertThat(BhytNumber.parse(typed)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "791234567", "79123456789", "HS6010120878811", "HS0010120878811", "H14010120878811",
            "HS401012087881", "HS40101208788112", "001090012345", "７９１２３４５６７８"})
    void parse_typedInvalidNumbers_areRejected(String typed) {
        assertThat(BhytNumber.parse(typed)).isEmpty();
    }

    @Test
    void socialInsuranceNumber_isLastTenDigitsOfEitherForm() {
        assertThat(new BhytNumber("HS4010120878811").socialInsuranceNumber()).isEqualTo("0120878811");
        assertThat(new BhytNumber("0120878811").socialInsuranceNumber()).isEqualTo("0120878811");
        assertThat(new BhytNumber("HS4010120878811").form()).isEqualTo(BhytNumber.Form.LEGACY_15);
    }

    @Test
    void toString_isRedacted() {
        assertThat(new BhytNumber("0120878811").toString()).doesNotContain("0120878811");
    }
}
