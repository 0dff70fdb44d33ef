package vn.kiosk06.hardware.identity;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The only thing a reader hands the app: whether a read worked, what kind of reader, and, on success, a keyed
 * hash of the citizen's number with an age group and a sex. Never holds the raw number, name or address, so it
 * may be logged, stored and synced as is. Immutable.
 *
 * @param outcome    OK or FAILED
 * @param failure    the reason, present exactly when the outcome is FAILED
 * @param readerKind QR, CHIP or MANUAL
 * @param credential which number the key was derived from; present when OK
 * @param citizenKey keyed hash of that number; present when OK
 * @param ageGroup   age group on the day of the read; present when OK
 * @param sex        sex; present when OK
 * @param readAt     when the read happened
 */
public record CardReading(
        Outcome outcome,
        Optional<FailureReason> failure,
        ReaderKind readerKind,
        Optional<CredentialKind> credential,
        Optional<CitizenKey> citizenKey,
        Optional<AgeGroup> ageGroup,
        Optional<Sex> sex,
        Instant readAt) {

    public CardReading {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(readerKind, "readerKind");
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(citizenKey, "citizenKey");
        Objects.requireNonNull(ageGroup, "ageGroup");
        Objects.requireNonNull(sex, "sex");
        Objects.requireNonNull(readAt, "readAt");
        if (outcome == Outcome.OK) {
            if (failure.isPresent()) {
                throw new IllegalArgumentException("an OK reading must not carry a failure reason, had " + failure.get());
            }
            if (credential.isEmpty() || citizenKey.isEmpty() || ageGroup.isEmpty() || sex.isEmpty()) {
                throw new IllegalArgumentException("an OK reading needs credential, citizenKey, ageGroup and sex");
            }
        } else if (failure.isEmpty()) {
            throw new IllegalArgumentException("a FAILED reading needs a failure reason");
        }
    }

    /** A successful reading. */
    public static CardReading ok(ReaderKind kind, CredentialKind credential, CitizenKey key, AgeGroup ageGroup, Sex sex,
            Instant readAt) {
        return new CardReading(Outcome.OK, Optional.empty(), kind, Optional.of(credential), Optional.of(key),
                Optional.of(ageGroup), Optional.of(sex), readAt);
    }

    /** A failed reading. */
    public static CardReading failed(ReaderKind kind, FailureReason reason, Instant readAt) {
        return new CardReading(Outcome.FAILED, Optional.of(reason), kind, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), readAt);
    }

    /** True when the outcome is OK. */
    public boolean isOk() {
        return outcome == Outcome.OK;
    }
}
