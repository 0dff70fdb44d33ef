package vn.kiosk06.hardware.chip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vn.kiosk06.hardware.identity.CitizenCard;
import vn.kiosk06.hardware.identity.FailedRead;
import vn.kiosk06.hardware.identity.FailureReason;
import vn.kiosk06.hardware.identity.Sex;
import vn.kiosk06.hardware.sim.SyntheticPeople;
import vn.kiosk06.hardware.sim.SyntheticPerson;

class ChipFrameParserTest {
    private final SyntheticPerson person = new SyntheticPeople(new Random(7)).born(LocalDate.of(1990, 2, 1), Sex.MALE);

    private static ChipEvent parse(String frame) {
        return ChipFrameParser.parse(frame.getBytes(StandardCharsets.UTF_8));
    }

    private static FailureReason failure(String frame) {
        ChipEvent event = parse(frame);
        assertThat(event).isInstanceOf(ChipEvent.CardRead.class);
        return ((FailedRead) ((ChipEvent.CardRead) event).card()).reason();
    }

    @Test
    void parse_controlFrames_areEvents() {
        assertThat(parse("CARD_PRESENT")).isEqualTo(new ChipEvent.CardPresent());
        assertThat(parse("CARD_REMOVED\r")).isEqualTo(new ChipEvent.CardRemoved());
        assertThat(parse("ERROR|BAC_FAILED")).isEqualTo(new ChipEvent.ReaderError("BAC_FAILED"));
        assertThat(parse("ERROR")).isEqualTo(new ChipEvent.ReaderError("UNSPECIFIED"));
        assertThat(parse("ERROR|Nguyễn Văn An 001090012345")).isEqualTo(new ChipEvent.ReaderError("UNSPECIFIED"));
    }

    @Test
    void parse_syntheticDataFrames_areCitizenCards() {
        SyntheticPeople people = new SyntheticPeople(new Random(11));
        for (int i = 0; i < 300; i++) {
            SyntheticPerson p = people.next();
            ChipEvent event = parse(p.chipDataFrame());
            assertThat(event).as(p.toString()).isInstanceOf(ChipEvent.CardRead.class);
            CitizenCard card = (CitizenCard) ((ChipEvent.CardRead) event).card();
            assertThat(card.idNumber()).isEqualTo(p.idNumber());
            assertThat(card.birthDate()).isEqualTo(p.birthDate());
            assertThat(card.sex()).isEqualTo(p.sex());
        }
    }

    @Test
    void parse_documentNumberNotLastNineOfId_isMismatch() {
        // Another valid person's MRZ paired with this person's DG13 fields.
        SyntheticPerson other = new SyntheticPeople(new Random(8)).born(LocalDate.of(1990, 2, 1), Sex.MALE);
        String frame = "DATA|" + other.mrz().replace('\n', '|') + "|" + person.idNumber() + "|" + person.fullName()
                + "|01021990|Nam";
        assertThat(failure(frame)).isEqualTo(FailureReason.MRZ_DOCUMENT_NUMBER_MISMATCH);
    }

    @Test
    void parse_dg13BirthDateDiffersFromMrz_isDg13Mismatch() {
        String id = person.idNumber();
        String mrz = MrzTd1.compose(id.substring(3), id + "<<<", "900202", 'M', "350101", "TRAN<<AN");
        assertThat(failure("DATA|" + mrz.replace('\n', '|') + "|" + id + "|Trần An|01021990|Nam"))
                .isEqualTo(FailureReason.MRZ_DG13_MISMATCH);
    }

    @Test
    void parse_optionalDataHoldsOtherId_isDg13Mismatch() {
        String id = person.idNumber();
        String mrz = MrzTd1.compose(id.substring(3), "079090999999<<<", "900201", 'M', "350101", "TRAN<<AN");
        assertThat(failure("DATA|" + mrz.replace('\n', '|') + "|" + id + "|Trần An|01021990|Nam"))
                .isEqualTo(FailureReason.MRZ_DG13_MISMATCH);
    }

    @Test
    void parse_corruptCheckDigit_isTypedFailure() {
        String frame = person.chipDataFrame();
        int check = "DATA|".length() + 14;
        char c = frame.charAt(check);
        String corrupt = frame.substring(0, check) + (c == '9' ? '0' : (char) (c + 1)) + frame.substring(check + 1);
        assertThat(failure(corrupt)).isEqualTo(FailureReason.MRZ_DOCUMENT_NUMBER_CHECK);
    }

    @Test
    void parse_sexInconsistentWithId_isTypedFailure() {
        String frame = person.chipDataFrame().replaceAll("\\|Nam$", "|Nữ");
        assertThat(failure(frame)).isEqualTo(FailureReason.ID_CENTURY_SEX_MISMATCH);
    }

    @Test
    void parse_readmeExample_isCitizenCard() {
        String frame = "DATA|IDVNM0900123450001090012345<<<|9002018M3502011VNM<<<<<<<<<<<7|TRAN<<VAN<AN<<<<<<<<<<<<<<<<<<"
                + "|001090012345|Trần Văn An|01021990|Nam";
        assertThat(((ChipEvent.CardRead) parse(frame)).card()).isInstanceOf(CitizenCard.class);
    }

    @Test
    void parse_missingFields_isWrongFieldCount() {
        assertThat(failure("DATA|a|b")).isEqualTo(FailureReason.WRONG_FIELD_COUNT);
    }

    @Test
    void parse_unknownKeyword_isUnknownFormat() {
        assertThat(failure("HELLO")).isEqualTo(FailureReason.UNKNOWN_FORMAT);
    }

    @Test
    void parse_garbage_isTypedFailure() {
        assertThat(failure("\u0000\u0000")).isEqualTo(FailureReason.UNEXPECTED_CHARACTER);
        assertThat(ChipFrameParser.parse(new byte[] {(byte) 0xfe, 'x'}))
                .isEqualTo(new ChipEvent.CardRead(new FailedRead(FailureReason.INVALID_UTF8)));
        assertThat(ChipFrameParser.parse(new byte[8000]))
                .isEqualTo(new ChipEvent.CardRead(new FailedRead(FailureReason.TOO_LONG)));
    }
}
