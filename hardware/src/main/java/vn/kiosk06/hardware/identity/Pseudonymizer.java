package vn.kiosk06.hardware.identity;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import vn.kiosk06.wire.AgeGroup;
import vn.kiosk06.wire.seal.CitizenNumber;

/**
 * The privacy boundary: turns a {@link ParsedCard} (raw personal data) into a {@link CardReading} (the number sealed
 * to the server, age group, sex). Drivers call it right after parsing so raw values never travel further.
 *
 * <p>Thread-safe. Time comes from the injected clock; its zone decides the calendar date used for the age group.
 */
public final class Pseudonymizer {
    private final CitizenProtector protector;
    private final Clock clock;

    public Pseudonymizer(CitizenProtector protector, Clock clock) {
        this.protector = Objects.requireNonNull(protector, "protector");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Keys numbers on the device: development and tests only (see {@link CitizenProtector#keyed}). */
    public Pseudonymizer(CitizenKeyer keyer, Clock clock) {
        this(CitizenProtector.keyed(keyer), clock);
    }

    /** Reading for a parse result, stamped with the clock's current instant. */
    public CardReading toReading(ParsedCard card, ReaderKind kind) {
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(kind, "kind");
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, clock.getZone());
        if (card instanceof CitizenCard c) {
            return protect(kind, CredentialKind.CITIZEN_ID, new CitizenNumber(CitizenNumber.Kind.PERSONAL_ID, c.idNumber()),
                    c.birthDate(), c.sex(), now, today);
        }
        if (card instanceof HealthInsuranceCard h) {
            // Keyed on the 10-digit social-insurance part so a citizen's old 15-character card and new 10-digit card
            // count as one person.
            CitizenNumber number = new CitizenNumber(CitizenNumber.Kind.SOCIAL_INSURANCE,
                    new BhytNumber(h.cardNumber()).socialInsuranceNumber());
            return protect(kind, CredentialKind.HEALTH_INSURANCE, number, h.birthDate(), h.sex(), now, today);
        }
        return CardReading.failed(kind, ((FailedRead) card).reason(), now);
    }

    /** A failed reading stamped now, for failures found outside a parser (oversized frame, reader error). */
    public CardReading failed(ReaderKind kind, FailureReason reason) {
        return CardReading.failed(kind, reason, clock.instant());
    }

    private CardReading protect(ReaderKind kind, CredentialKind credential, CitizenNumber number, LocalDate birthDate,
            Sex sex, Instant now, LocalDate today) {
        if (birthDate.isAfter(today)) {
            return CardReading.failed(kind, FailureReason.BIRTH_DATE_IN_FUTURE, now);
        }
        return CardReading.ok(kind, credential, protector.protect(number), AgeGroup.of(birthDate, today), sex, now);
    }
}
