package vn.kiosk06.hardware.chip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.kiosk06.hardware.identity.FailureReason;

class MrzTd1ParserTest {
    // ICAO 9303 part 5 appendix specimen (Utopia) for the check-digit arithmetic.
    private static final String ICAO_L1 = "I<UTOD231458907<<<<<<<<<<<<<<<";
    private static final String ICAO_L2 = "7408122F1204159UTO<<<<<<<<<<<6";

    private static final String VALID = MrzTd1.compose("090012345", "001090012345<<<", "900201", 'M', "350201",
            "TRAN<<VAN<AN");

    @Test
    void checkDigit_icaoSpecimen_matches() {
        assertThat(MrzCheckDigit.of("D23145890")).isEqualTo(7);
        assertThat(MrzCheckDigit.of("740812")).isEqualTo(2);
        assertThat(MrzCheckDigit.of("120415")).isEqualTo(9);
        String composite = ICAO_L1.substring(5, 30) + ICAO_L2.substring(0, 7) + ICAO_L2.substring(8, 15)
                + ICAO_L2.substring(18, 29);
        assertThat(MrzCheckDigit.of(composite)).isEqualTo(6);
    }

    @Test
    void parse_composedMrz_isValid() {
        MrzResult result = MrzTd1Parser.parse(VALID);
        assertThat(result).isInstanceOf(MrzTd1.class);
        MrzTd1 mrz = (MrzTd1) result;
        assertThat(mrz.documentNumber()).isEqualTo("090012345");
        assertThat(mrz.optionalData1()).startsWith("001090012345");
        assertThat(mrz.birthDate()).isEqualTo("900201");
        assertThat(mrz.sex()).isEqualTo('M');
        assertThat(mrz.toString()).doesNotContain("090012345");
    }

    @Test
    void parse_crlfLines_areAccepted() {
        assertThat(MrzTd1Parser.parse(VALID.replace("\n", "\r\n"))).isInstanceOf(MrzTd1.class);
    }

    private static FailureReason reasonAfterReplacing(int line, int pos, char c) {
        String[] lines = VALID.split("\n");
        char[] chars = lines[line].toCharArray();
        chars[pos] = c;
        lines[line] = new String(chars);
        MrzResult result = MrzTd1Parser.parse(String.join("\n", lines));
        assertThat(result).isInstanceOf(MrzResult.Invalid.class);
        return ((MrzResult.Invalid) result).reason();
    }

    private static char otherDigit(char c) {
        return c == '9' ? '0' : (char) (c + 1);
    }

    @Test
    void parse_wrongDocumentCheck_isDocumentNumberCheck() {
        assertThat(reasonAfterReplacing(0, 14, otherDigit(VALID.charAt(14))))
                .isEqualTo(FailureReason.MRZ_DOCUMENT_NUMBER_CHECK);
    }

    @Test
    void parse_alteredDocumentNumber_isDocumentNumberCheck() {
        assertThat(reasonAfterReplacing(0, 7, 'X')).isEqualTo(FailureReason.MRZ_DOCUMENT_NUMBER_CHECK);
    }

    @Test
    void parse_wrongBirthCheck_isBirthDateCheck() {
        assertThat(reasonAfterReplacing(1, 6, otherDigit(VALID.split("\n")[1].charAt(6))))
                .isEqualTo(FailureReason.MRZ_BIRTH_DATE_CHECK);
    }

    @Test
    void parse_wrongExpiryCheck_isExpiryDateCheck() {
        assertThat(reasonAfterReplacing(1, 14, otherDigit(VALID.split("\n")[1].charAt(14))))
                .isEqualTo(FailureReason.MRZ_EXPIRY_DATE_CHECK);
    }

    @Test
    void parse_alteredOptionalData_isCompositeCheck() {
        assertThat(reasonAfterReplacing(0, 20, 'Z')).isEqualTo(FailureReason.MRZ_COMPOSITE_CHECK);
    }

    @Test
    void parse_wrongCompositeDigit_isCompositeCheck() {
        assertThat(reasonAfterReplacing(1, 29, otherDigit(VALID.split("\n")[1].charAt(29))))
                .isEqualTo(FailureReason.MRZ_COMPOSITE_CHECK);
    }

    @Test
    void parse_lowercase_isBadShape() {
        assertThat(reasonAfterReplacing(2, 0, 't')).isEqualTo(FailureReason.MRZ_BAD_SHAPE);
    }

    @Test
    void parse_shortLine_isBadShape() {
        String[] lines = VALID.split("\n");
        MrzResult r = MrzTd1Parser.parse(lines[0], lines[1].substring(1), lines[2]);
        assertThat(r).isEqualTo(new MrzResult.Invalid(FailureReason.MRZ_BAD_SHAPE));
        assertThat(MrzTd1Parser.parse(lines[0] + "\n" + lines[1])).isEqualTo(new MrzResult.Invalid(FailureReason.MRZ_BAD_SHAPE));
    }

    @Test
    void parse_passportHeader_isNotVietnameseId() {
        String other = VALID.replace("IDVNM", "IDUTO");
        assertThat(MrzTd1Parser.parse(other)).isEqualTo(new MrzResult.Invalid(FailureReason.MRZ_NOT_VIETNAMESE_ID));
    }
}
