package vn.kiosk06.hardware.qr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vn.kiosk06.hardware.identity.CitizenCard;
import vn.kiosk06.hardware.identity.FailedRead;
import vn.kiosk06.hardware.identity.FailureReason;
import vn.kiosk06.hardware.identity.HealthInsuranceCard;
import vn.kiosk06.hardware.sim.SyntheticPeople;
import vn.kiosk06.hardware.sim.SyntheticPerson;

class QrPayloadParserTest {
    private final SyntheticPeople people = new SyntheticPeople(new Random(42));

    @Test
    void parse_syntheticCccdQrs_areCitizenCards() {
        for (int i = 0; i < 500; i++) {
            SyntheticPerson p = people.next();
            var card = QrPayloadParser.parse(p.cccdQr().getBytes(StandardCharsets.UTF_8));
            assertThat(card).as(p.toString()).isInstanceOf(CitizenCard.class);
            CitizenCard c = (CitizenCard) card;
            assertThat(c.idNumber()).isEqualTo(p.idNumber());
            assertThat(c.fullName()).isEqualTo(p.fullName());
            assertThat(c.birthDate()).isEqualTo(p.birthDate());
        }
    }

    @Test
    void parse_syntheticBhytQrs_areHealthInsuranceCards() {
        for (int i = 0; i < 500; i++) {
            SyntheticPerson p = people.next();
            var card = QrPayloadParser.parse(p.bhytQr().getBytes(StandardCharsets.UTF_8));
            assertThat(card).as(p.toString()).isInstanceOf(HealthInsuranceCard.class);
            assertThat(((HealthInsuranceCard) card).fullName()).isEqualTo(p.fullName());
        }
    }

    @Test
    void parse_bhytWithoutDollarButLegacyCode_isRoutedToBhytParser() {
        var card = QrPayloadParser.parse("HS4010120878811|4c65|05/11/2012|1|".getBytes(StandardCharsets.UTF_8));
        assertThat(card).isEqualTo(new FailedRead(FailureReason.MISSING_TERMINATOR));
    }

    @Test
    void parse_vietQrPaymentCode_isUnknownFormat() {
        byte[] vietQr = "00020101021238540010A00000072701240006970403011001234567890208QRIBFTTA53037045802VN6304ABCD"
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(QrPayloadParser.parse(vietQr)).isEqualTo(new FailedRead(FailureReason.UNKNOWN_FORMAT));
    }

    @Test
    void parse_64KiBGarbage_isTooLong() {
        byte[] garbage = new byte[64 * 1024];
        new Random(1).nextBytes(garbage);
        assertThat(QrPayloadParser.parse(garbage)).isEqualTo(new FailedRead(FailureReason.TOO_LONG));
    }

    @Test
    void parse_invalidUtf8_isTyped() {
        assertThat(QrPayloadParser.parse(new byte[] {'1', '|', (byte) 0xff, '|'}))
                .isEqualTo(new FailedRead(FailureReason.INVALID_UTF8));
    }
}
