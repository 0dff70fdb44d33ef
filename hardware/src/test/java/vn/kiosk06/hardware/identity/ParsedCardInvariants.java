package vn.kiosk06.hardware.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * What must hold of any parser's result, however hostile its input, beyond "it did not throw": a parsed citizen ID
 * re-validates (well-formed and consistent with the birth date and sex read beside it), a parsed health-insurance
 * number is valid, and a failed read carries a reason but never a citizen key once pseudonymized.
 */
public final class ParsedCardInvariants {

    private static final Pseudonymizer PSEUDONYMIZER = new Pseudonymizer(new CitizenKeyer(new byte[32]),
            Clock.fixed(Instant.parse("2026-06-18T10:00:00Z"), ZoneId.of("Asia/Ho_Chi_Minh")));

    private ParsedCardInvariants() {
    }

    public static void check(ParsedCard card) {
        assertThat(card).isNotNull();
        if (card instanceof CitizenCard c) {
            assertThat(CitizenIdNumber.isWellFormed(c.idNumber())).as("parsed ID is well-formed").isTrue();
            assertThatCode(() -> CitizenIdNumber.checkConsistent(c.idNumber(), c.birthDate(), c.sex()))
                    .as("parsed ID re-validates against its birth date and sex").doesNotThrowAnyException();
        } else if (card instanceof HealthInsuranceCard h) {
            assertThat(BhytNumber.isValid(h.cardNumber())).as("parsed BHYT number is valid").isTrue();
        } else {
            FailedRead f = (FailedRead) card;
            assertThat(f.reason()).isNotNull();
            CardReading reading = PSEUDONYMIZER.toReading(f, ReaderKind.QR);
            assertThat(reading.isOk()).isFalse();
            assertThat(reading.citizenKey()).as("a failed read carries no citizen key").isEmpty();
            assertThat(reading.citizen()).isEmpty();
        }
    }
}
