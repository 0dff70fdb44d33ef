package vn.kiosk06.hardware.qr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.kiosk06.hardware.identity.CitizenCard;
import vn.kiosk06.hardware.identity.FailedRead;
import vn.kiosk06.hardware.identity.FailureReason;
import vn.kiosk06.hardware.identity.ParsedCard;
import vn.kiosk06.hardware.identity.Sex;

class CccdQrParserTest {
    // 079 = HCMC, 3 = female born in the 2000s, 05 = 2005.
    private static final String VALID =
            "079305001234|123456789|Nguyễn Thị Hằng|15082005|Nữ|Số 12, Đường Lê Lợi, Phường Bến Thành, TP Hồ Chí Minh|20032022";

    private static ParsedCard parse(String text) {
        return CccdQrParser.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static FailureReason reason(String text) {
        ParsedCard card = parse(text);
        assertThat(card).isInstanceOf(FailedRead.class);
        return ((FailedRead) card).reason();
    }

    @Test
    void parse_validCard_yieldsAllFields() {
        CitizenCard card = (CitizenCard) parse(VALID);
        assertThat(card.idNumber()).isEqualTo("079305001234");
        assertThat(card.oldIdNumber()).contains("123456789");
        assertThat(card.fullName()).isEqualTo("Nguyễn Thị Hằng");
        assertThat(card.birthDate()).isEqualTo(LocalDate.of(2005, 8, 15));
        assertThat(card.sex()).isEqualTo(Sex.FEMALE);
        assertThat(card.address()).isEqualTo("Số 12, Đường Lê Lợi, Phường Bến Thành, TP Hồ Chí Minh");
        assertThat(card.issueDate()).contains(LocalDate.of(2022, 3, 20));
    }

    @Test
    void parse_oldIdEmpty_isAccepted() {
        CitizenCard card = (CitizenCard) parse("001090012345||Trần Văn An|01021990|Nam|Xã Hàm Ninh, Phú Quốc|01012021");
        assertThat(card.oldIdNumber()).isEmpty();
        assertThat(card.sex()).isEqualTo(Sex.MALE);
    }

    @Test
    void parse_issueDateAbsent_isAccepted() {
        CitizenCard card = (CitizenCard) parse("001090012345||Trần Văn An|01021990|Nam|Xã Hàm Ninh, Phú Quốc");
        assertThat(card.issueDate()).isEqualTo(Optional.empty());
    }

    @Test
    void parse_issueDateEmpty_isAccepted() {
        CitizenCard card = (CitizenCard) parse("001090012345||Trần Văn An|01021990|Nam|Xã Hàm Ninh, Phú Quốc|");
        assertThat(card.issueDate()).isEmpty();
    }

    @Test
    void parse_extraTrailingFields_areTolerated() {
        assertThat(parse(VALID + "|Nguyễn Văn Cha|Lê Thị Mẹ|012345678901")).isInstanceOf(CitizenCard.class);
    }

    @Test
    void parse_decomposedDiacritics_areNormalisedToNfc() {
        String nfd = Normalizer.normalize(VALID, Normalizer.Form.NFD);
        CitizenCard card = (CitizenCard) parse(nfd);
        assertThat(card.fullName()).isEqualTo("Nguyễn Thị Hằng");
        assertThat(card.sex()).isEqualTo(Sex.FEMALE);
    }

    @Test
    void parse_trailingCrLf_isIgnored() {
        assertThat(parse(VALID + "\r\n")).isInstanceOf(CitizenCard.class);
    }

    @Test
    void parse_birthIn1900s_acceptsCenturyDigitZeroForMale() {
        assertThat(parse("001090012345||Trần Văn An|01021990|Nam|Hà Nội|01012021")).isInstanceOf(CitizenCard.class);
    }

    @Test
    void toString_isRedacted() {
        assertThat(parse(VALID).toString()).doesNotContain("079305001234").doesNotContain("Hằng");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        "079305001234|123456789|Nguyễn Thị Hằng|15082005|Nữ; WRONG_FIELD_COUNT",
        "07930500123|123456789|Nguyễn Thị Hằng|15082005|Nữ|Hà Nội|20032022; ID_NOT_12_DIGITS",
        "0793050012345|123456789|Nguyễn Thị Hằng|15082005|Nữ|Hà Nội|20032022; ID_NOT_12_DIGITS",
        "07930500123A|123456789|Nguyễn Thị Hằng|15082005|Nữ|Hà Nội|20032022; ID_NOT_12_DIGITS",
        "079305001234|12345678|Nguyễn Thị Hằng|15082005|Nữ|Hà Nội|20032022; OLD_ID_NOT_9_DIGITS",
        "079305001234|123456789||15082005|Nữ|Hà Nội|20032022; MISSING_NAME",
        "079305001234|123456789|Nguyễn Thị Hằng|31022005|Nữ|Hà Nội|20032022; BAD_DATE",
        "079305001234|123456789|Nguyễn Thị Hằng|2005-08-15|Nữ|Hà Nội|20032022; BAD_DATE",
        "079305001234|123456789|Nguyễn Thị Hằng|15/08/2005|Nữ|Hà Nội|20032022; BAD_DATE",
        "079305001234|123456789|Nguyễn Thị Hằng|15082005|Nữ|Hà Nội|32132022; BAD_DATE",
        "079305001234|123456789|Nguyễn Thị Hằng|15082005|Nữ|Hà Nội|01012001; BAD_DATE",
        "079305001234|123456789|Nguyễn Thị Hằng|15082005|F|Hà Nội|20032022; BAD_SEX",
        // digit 4 = 3 (2000s female) but sex says male
        "079305001234|123456789|Nguyễn Văn Hùng|15082005|Nam|Hà Nội|20032022; ID_CENTURY_SEX_MISMATCH",
        // digit 4 = 1 (1900s female) but born 2005
        "079105001234|123456789|Nguyễn Thị Hằng|15082005|Nữ|Hà Nội|20032022; ID_CENTURY_SEX_MISMATCH",
        // digits 5-6 = 06 but born 2005
        "079306001234|123456789|Nguyễn Thị Hằng|15082005|Nữ|Hà Nội|20032022; ID_BIRTH_YEAR_MISMATCH",
        "079305001234|123456789|Nguyễn\u0000Thị Hằng|15082005|Nữ|Hà Nội|20032022; UNEXPECTED_CHARACTER",
    })
    void parse_defect_isTypedFailure(String payload, FailureReason expected) {
        assertThat(reason(payload)).isEqualTo(expected);
    }

    @Test
    void parse_invalidUtf8_isTypedFailure() {
        byte[] bytes = VALID.getBytes(StandardCharsets.UTF_8);
        bytes[20] = (byte) 0xC3;
        bytes[21] = (byte) 0x28; // a lead byte followed by a non-continuation byte
        assertThat(((FailedRead) CccdQrParser.parse(bytes)).reason()).isEqualTo(FailureReason.INVALID_UTF8);
    }

    @Test
    void parse_64KiBGarbage_isTooLong() {
        byte[] garbage = new byte[64 * 1024];
        new java.util.Random(6).nextBytes(garbage);
        assertThat(((FailedRead) CccdQrParser.parse(garbage)).reason()).isEqualTo(FailureReason.TOO_LONG);
    }

    @Test
    void parse_onlyNuls_isTypedFailure() {
        assertThat(CccdQrParser.parse(new byte[100])).isEqualTo(new FailedRead(FailureReason.UNEXPECTED_CHARACTER));
    }

    @Test
    void parse_emptyAndNull_areEmpty() {
        assertThat(CccdQrParser.parse(new byte[0])).isEqualTo(new FailedRead(FailureReason.EMPTY));
        assertThat(CccdQrParser.parse(null)).isEqualTo(new FailedRead(FailureReason.EMPTY));
        assertThat(CccdQrParser.parse("  \r\n".getBytes(StandardCharsets.UTF_8))).isEqualTo(new FailedRead(FailureReason.EMPTY));
    }
}
