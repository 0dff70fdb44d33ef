package vn.kiosk06.hardware.identity;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import vn.kiosk06.wire.AgeGroup;

/**
 * The only thing a reader hands the app: whether a read worked, what kind of reader, and, on success, the citizen's
 * number sealed to the server ({@link ProtectedCitizen}) with an age group and a sex. Never holds the raw number,
 * name or address, so it may be logged, stored and synced as is. Immutable.
 *
 * @param outcome    OK or FAILED
 * @param failure    the reason, present exactly when the outcome is FAILED
 * @param readerKind QR, CHIP or MANUAL
 * @param credential which number identified the citizen; present when OK
 * @param citizen    that number, protected (sealed to the server); present when OK
 * @param ageGroup   age group on the day of the read; present when OK
 * @param sex        sex; present when OK
 * @param readAt     when the read happened
 */
public record CardReading(
        Outcome outcome,
        Optional<FailureReason> failure,
        ReaderKind readerKind,
        Optional<CredentialKind> credential,
        Optional<ProtectedCitizen> citizen,
        Optional<AgeGroup> ageGroup,
        Optional<Sex> sex,
        Instant readAt) {

    public CardReading {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(readerKind, "readerKind");
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(citizen, "citizen");
        Objects.requireNonNull(ageGroup, "ageGroup");
        Objects.requireNonNull(sex, "sex");
        Objects.requireNonNull(readAt, "readAt");
        if (outcome == Outcome.OK) {
            if (failure.isPresent()) {
                throw new IllegalArgumentException("an OK reading must not carry a failure reason, had " + failure.get());
            }
            if (credential.isEmpty() || citizen.isEmpty() || ageGroup.isEmpty() || sex.isEmpty()) {
                throw new IllegalArgumentException("an OK reading needs credential, citizen, ageGroup and sex");
            }
        } else if (failure.isEmpty()) {
            throw new IllegalArgumentException("a FAILED reading needs a failure reason");
        }
    }

    /** A successful reading. */
    public static CardReading ok(ReaderKind kind, CredentialKind credential, ProtectedCitizen citizen, AgeGroup ageGroup,
            Sex sex, Instant readAt) {
        return new CardReading(Outcome.OK, Optional.empty(), kind, Optional.of(credential), Optional.of(citizen),
                Optional.of(ageGroup), Optional.of(sex), readAt);
    }

    /** A failed reading. */
    public static CardReading failed(ReaderKind kind, FailureReason reason, Instant readAt) {
        return new CardReading(Outcome.FAILED, Optional.of(reason), kind, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), readAt);
    }

    /** The keyed hash, when the citizen was keyed on the device (development only; see {@link ProtectedCitizen}). */
    public Optional<CitizenKey> citizenKey() {
        return citizen.filter(ProtectedCitizen.Keyed.class::isInstance).map(c -> ((ProtectedCitizen.Keyed) c).key());
    }

    /** True when the outcome is OK. */
    public boolean isOk() {
        return outcome == Outcome.OK;
    }
}
