package vn.kiosk06.hardware.qr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.kiosk06.hardware.identity.FailedRead;
import vn.kiosk06.hardware.identity.FailureReason;
import vn.kiosk06.hardware.identity.HealthInsuranceCard;
import vn.kiosk06.hardware.identity.ParsedCard;
import vn.kiosk06.hardware.identity.Sex;

class BhytQrParserTest {
    private static final String NAME_HEX = hex("Lê Thị Mai");
    private static final String ADDRESS_HEX = hex("Ấp Suối Lớn, Xã Dương Tơ, Phú Quốc");

    private static String hex(String s) {
        return HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
    }

    private static ParsedCard parse(String text) {
        return BhytQrParser.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parse_tenDigitNumber_yieldsCard() {
        HealthInsuranceCard card = (HealthInsuranceCard) parse(
                "7912345678|" + NAME_HEX + "|05/11/1987|2|" + ADDRESS_HEX + "|79-024|01/01/2025|31/12/2025|$");
        assertThat(card.cardNumber()).isEqualTo("7912345678");
        assertThat(card.fullName()).isEqualTo("Lê Thị Mai");
        assertThat(card.birthDate()).isEqualTo(LocalDate.of(1987, 11, 5));
        assertThat(card.sex()).isEqualTo(Sex.FEMALE);
        assertThat(card.address()).isEqualTo("Ấp Suối Lớn, Xã Dương Tơ, Phú Quốc");
    }

    @Test
    void parse_fifteenCharCode_yieldsCard() {
        HealthInsuranceCard card = (HealthInsuranceCard) parse(
                "HS4010120878811|" + NAME_HEX.toUpperCase() + "|05/11/2012|1|" + ADDRESS_HEX + "$");
        assertThat(card.cardNumber()).isEqualTo("HS4010120878811");
        assertThat(card.sex()).isEqualTo(Sex.MALE);
    }

    @Test
    void parse_emptyAddress_isAccepted() {
        assertThat(parse("7912345678|" + NAME_HEX + "|05/11/1987|2||$")).isInstanceOf(HealthInsuranceCard.class);
    }

    @Test
    void toString_isRedacted() {
        assertThat(parse("7912345678|" + NAME_HEX + "|05/11/1987|2||$").toString())
                .doesNotContain("7912345678").doesNotContain("Mai");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        "7912345678|NAME|05/11/1987|2|ADDR|79-024; MISSING_TERMINATOR",
        "7912345678|NAME|05/11/1987|$; WRONG_FIELD_COUNT",
        "791234567|NAME|05/11/1987|2|ADDR|$; BAD_BHYT_NUMBER",
        "HS6010120878811|NAME|05/11/1987|2|ADDR|$; BAD_BHYT_NUMBER",
        "hs4010120878811|NAME|05/11/1987|2|ADDR|$; BAD_BHYT_NUMBER",
        "7912345678|4c6|05/11/1987|2|ADDR|$; BAD_HEX_FIELD",
        "7912345678|zz|05/11/1987|2|ADDR|$; BAD_HEX_FIELD",
        "7912345678|c328|05/11/1987|2|ADDR|$; BAD_HEX_FIELD",
        "7912345678|00|05/11/1987|2|ADDR|$; BAD_HEX_FIELD",
        "7912345678||05/11/1987|2|ADDR|$; MISSING_NAME",
        "7912345678|NAME|05111987|2|ADDR|$; BAD_DATE",
        "7912345678|NAME|30/02/1987|2|ADDR|$; BAD_DATE",
        "7912345678|NAME|05/11/1987|Nữ|ADDR|$; BAD_SEX",
        "7912345678|NAME|05/11/1987|3|ADDR|$; BAD_SEX",
    })
    void parse_defect_isTypedFailure(String template, FailureReason expected) {
        String payload = template.replace("NAME", NAME_HEX).replace("ADDR", ADDRESS_HEX);
        ParsedCard card = parse(payload);
        assertThat(card).isEqualTo(new FailedRead(expected));
    }
}
