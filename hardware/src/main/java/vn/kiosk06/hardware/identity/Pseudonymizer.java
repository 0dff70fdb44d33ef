package vn.kiosk06.hardware.identity;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The privacy boundary: turns a {@link ParsedCard} (raw personal data) into a {@link CardReading} (keyed hash, age
 * group, sex). Drivers call it right after parsing so raw values never travel further.
 *
 * <p>Thread-safe. Time comes from the injected clock; its zone decides the calendar date used for the age group.
 */
public final class Pseudonymizer {
    private final CitizenKeyer keyer;
    private final Clock clock;

    public Pseudonymizer(CitizenKeyer keyer, Clock clock) {
        this.keyer = Objects.requireNonNull(keyer, "keyer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Reading for a parse result, stamped with the clock's current instant. */
    public CardReading toReading(ParsedCard card, ReaderKind kind) {
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(kind, "kind");
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, clock.getZone());
        if (card instanceof CitizenCard c) {
            return keyed(kind, CredentialKind.CITIZEN_ID, c.idNumber(), c.birthDate(), c.sex(), now, today);
        }
        if (card instanceof HealthInsuranceCard h) {
            // Keyed on the 10-digit social-insurance part so a citizen's old 15-character card and new 10-digit card
            // count as one person.
            String number = new BhytNumber(h.cardNumber()).socialInsuranceNumber();
            return keyed(kind, CredentialKind.HEALTH_INSURANCE, number, h.birthDate(), h.sex(), now, today);
        }
        return CardReading.failed(kind, ((FailedRead) card).reason(), now);
    }

    /** A failed reading stamped now, for failures found outside a parser (oversized frame, reader error). */
    public CardReading failed(ReaderKind kind, FailureReason reason) {
        return CardReading.failed(kind, reason, clock.instant());
    }

    private CardReading keyed(ReaderKind kind, CredentialKind credential, String number, LocalDate birthDate, Sex sex,
            Instant now, LocalDate today) {
        if (birthDate.isAfter(today)) {
            return CardReading.failed(kind, FailureReason.BIRTH_DATE_IN_FUTURE, now);
        }
        return CardReading.ok(kind, credential, keyer.keyOf(number), AgeGroup.of(birthDate, today), sex, now);
    }
}
