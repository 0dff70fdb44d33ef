package vn.kiosk06.hardware.chip;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import vn.kiosk06.hardware.identity.CitizenCard;
import vn.kiosk06.hardware.identity.CitizenIdNumber;
import vn.kiosk06.hardware.identity.FailedRead;
import vn.kiosk06.hardware.identity.FailureReason;
import vn.kiosk06.hardware.identity.PayloadText;
import vn.kiosk06.hardware.identity.ReadRejected;
import vn.kiosk06.hardware.identity.Sex;

/**
 * Parses one frame of the chip-reader protocol (hardware/README.md): {@code CARD_PRESENT}, {@code CARD_REMOVED},
 * {@code ERROR|CODE}, or {@code DATA|mrz1|mrz2|mrz3|id12|full name|DOB DDMMYYYY|Nam or Nữ[|…]}. A DATA frame is
 * accepted only if the MRZ is valid, the ID is consistent with the DG13 birth date and sex, and the MRZ agrees with
 * DG13 (document number = last 9 digits of the ID, same birth date and sex, optional data holding the same ID).
 *
 * <p>Stateless and thread-safe. Never throws: a malformed frame becomes {@link ChipEvent.CardRead} of a
 * {@link FailedRead}.
 */
public final class ChipFrameParser {
    /** Longest frame accepted. */
    public static final int MAX_BYTES = 4096;
    /** Keyword + 3 MRZ lines + ID, name, DOB, sex. */
    static final int MIN_DATA_FIELDS = 8;

    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd", Locale.ROOT);

    private ChipFrameParser() {
    }

    /** Parses one frame's payload (delimiters already removed by the transport). */
    public static ChipEvent parse(byte[] frame) {
        try {
            return event(PayloadText.decode(frame, MAX_BYTES));
        } catch (ReadRejected r) {
            return new ChipEvent.CardRead(r.toFailedRead());
        }
    }

    private static ChipEvent event(String text) {
        if (text.equals("CARD_PRESENT")) {
            return new ChipEvent.CardPresent();
        }
        if (text.equals("CARD_REMOVED")) {
            return new ChipEvent.CardRemoved();
        }
        if (text.equals("ERROR") || text.startsWith("ERROR|")) {
            String code = text.length() > 6 ? text.substring(6).strip() : "";
            return new ChipEvent.ReaderError(code.matches("[A-Z0-9_]{1,32}") ? code : "UNSPECIFIED");
        }
        if (text.startsWith("DATA|")) {
            return new ChipEvent.CardRead(data(text.split("\\|", -1)));
        }
        throw new ReadRejected(FailureReason.UNKNOWN_FORMAT);
    }

    private static CitizenCard data(String[] f) {
        if (f.length < MIN_DATA_FIELDS) {
            throw new ReadRejected(FailureReason.WRONG_FIELD_COUNT);
        }
        MrzResult result = MrzTd1Parser.parse(f[1].strip(), f[2].strip(), f[3].strip());
        if (result instanceof MrzResult.Invalid invalid) {
            throw new ReadRejected(invalid.reason());
        }
        MrzTd1 mrz = (MrzTd1) result;
        String id = f[4].strip();
        if (!CitizenIdNumber.isWellFormed(id)) {
            throw new ReadRejected(FailureReason.ID_NOT_12_DIGITS);
        }
        String name = f[5].strip();
        if (name.isEmpty()) {
            throw new ReadRejected(FailureReason.MISSING_NAME);
        }
        LocalDate birth = PayloadText.ddmmyyyy(f[6].strip());
        Sex sex = switch (f[7].strip()) {
            case "Nam" -> Sex.MALE;
            case "Nữ" -> Sex.FEMALE;
            default -> throw new ReadRejected(FailureReason.BAD_SEX);
        };
        CitizenIdNumber.checkConsistent(id, birth, sex);
        if (!mrz.documentNumber().equals(id.substring(3))) {
            throw new ReadRejected(FailureReason.MRZ_DOCUMENT_NUMBER_MISMATCH);
        }
        if (!mrz.birthDate().equals(birth.format(YYMMDD))) {
            throw new ReadRejected(FailureReason.MRZ_DG13_MISMATCH);
        }
        if (mrz.sex() != (sex == Sex.MALE ? 'M' : 'F')) {
            throw new ReadRejected(FailureReason.MRZ_DG13_MISMATCH);
        }
        String optional = mrz.optionalData1();
        if (CitizenIdNumber.isWellFormed(optional.substring(0, 12)) && !optional.startsWith(id)) {
            throw new ReadRejected(FailureReason.MRZ_DG13_MISMATCH);
        }
        return new CitizenCard(id, Optional.empty(), name, birth, sex, "", Optional.empty());
    }
}
