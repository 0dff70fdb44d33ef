package vn.kiosk06.hardware.sim;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import vn.kiosk06.hardware.chip.MrzTd1;
import vn.kiosk06.hardware.identity.BhytNumber;
import vn.kiosk06.hardware.identity.CitizenIdNumber;
import vn.kiosk06.hardware.identity.Sex;
import vn.kiosk06.hardware.printer.AsciiFolding;

/**
 * A synthetic citizen with internally consistent data (the ID's century/sex digit and year digits match the birth
 * date and sex), and the payloads a real card of theirs would produce. Tests know the raw values, so they can
 * assert those values never appear in readings or logs. Immutable; {@link #toString()} shows everything on
 * purpose (it is test data).
 */
public record SyntheticPerson(
        String idNumber,
        Optional<String> oldIdNumber,
        String fullName,
        LocalDate birthDate,
        Sex sex,
        String address,
        LocalDate issueDate,
        String bhytNumber) {

    private static final DateTimeFormatter DDMMYYYY = DateTimeFormatter.ofPattern("ddMMyyyy", Locale.ROOT);
    private static final DateTimeFormatter SLASHED = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.ROOT);
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd", Locale.ROOT);

    public SyntheticPerson {
        Objects.requireNonNull(oldIdNumber, "oldIdNumber");
        Objects.requireNonNull(fullName, "fullName");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(issueDate, "issueDate");
        Objects.requireNonNull(sex, "sex");
        if (!CitizenIdNumber.isWellFormed(idNumber)) {
            throw new IllegalArgumentException("idNumber must be 12 digits, was " + idNumber);
        }
        if (!BhytNumber.isValid(bhytNumber)) {
            throw new IllegalArgumentException("bhytNumber must be a valid BHYT number, was " + bhytNumber);
        }
    }

    /** The CCCD QR text: 7 fields, old ID possibly empty. */
    public String cccdQr() {
        return String.join("|", idNumber, oldIdNumber.orElse(""), fullName, birthDate.format(DDMMYYYY),
                sex == Sex.MALE ? "Nam" : "Nữ", address, issueDate.format(DDMMYYYY));
    }

    /** The BHYT QR text, with hex-encoded name and address, ending in {@code $}. */
    public String bhytQr() {
        HexFormat hex = HexFormat.of();
        return String.join("|", bhytNumber, hex.formatHex(fullName.getBytes(StandardCharsets.UTF_8)),
                birthDate.format(SLASHED), sex == Sex.MALE ? "1" : "2",
                hex.formatHex(address.getBytes(StandardCharsets.UTF_8)), "79-024",
                "01/01/" + issueDate.getYear(), "31/12/" + (issueDate.getYear() + 1), "$");
    }

    /** The MRZ TD1 of this person's chip, three lines joined by LF. */
    public String mrz() {
        String expiry = issueDate.plusYears(15).format(YYMMDD);
        String folded = AsciiFolding.fold(fullName).toUpperCase(Locale.ROOT);
        String[] parts = folded.split(" ");
        StringBuilder names = new StringBuilder(parts[0]).append("<<");
        for (int i = 1; i < parts.length; i++) {
            names.append(i > 1 ? "<" : "").append(parts[i]);
        }
        return MrzTd1.compose(idNumber.substring(3), idNumber + "<<<", birthDate.format(YYMMDD),
                sex == Sex.MALE ? 'M' : 'F', expiry, names.toString().replaceAll("[^A-Z<]", "<"));
    }

    /** The chip reader's DATA frame for this person (see hardware/README.md). */
    public String chipDataFrame() {
        return "DATA|" + mrz().replace('\n', '|') + "|" + idNumber + "|" + fullName + "|" + birthDate.format(DDMMYYYY)
                + "|" + (sex == Sex.MALE ? "Nam" : "Nữ");
    }
}
