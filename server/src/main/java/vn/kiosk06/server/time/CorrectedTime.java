package vn.kiosk06.server.time;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import vn.kiosk06.wire.ClockMeasurement;

/**
 * The server's verdict on when an event happened: either a {@link Known} instant with how it was
 * obtained, or {@link Unknown} with why not. An unknown time is kept with the event, shown on the
 * dashboard and counted in reports under an explicit "time unknown" line. Immutable and thread-safe.
 */
public sealed interface CorrectedTime permits CorrectedTime.Known, CorrectedTime.Unknown {

    /** How the time was obtained; {@link TimeQuality#UNKNOWN} exactly when {@link #instant()} is empty. */
    TimeQuality quality();

    /** The corrected instant in server time, when there is one. */
    Optional<Instant> instant();

    /**
     * A sentence for the dashboard saying how the time was obtained or why it could not be. Built when asked
     * for, not when the time is corrected: ingest corrects every event and never reads it.
     */
    String reason();

    /**
     * A corrected time.
     *
     * @param quality     {@link TimeQuality#MEASURED} or {@link TimeQuality#ANCHORED}
     * @param at          the corrected instant, in server time
     * @param uncertainty the corrected instant lies within {@code at} ± this (half the measurement's round
     *                    trip plus the allowed oscillator drift over the monotonic distance to it), ≥ 0
     * @param basis       the measurement the correction rests on
     * @param explain     builds the sentence saying how the time was obtained, for the dashboard
     */
    record Known(TimeQuality quality, Instant at, Duration uncertainty, ClockMeasurement basis,
                 Supplier<String> explain) implements CorrectedTime {

        public Known {
            if (quality != TimeQuality.MEASURED && quality != TimeQuality.ANCHORED) {
                throw new IllegalArgumentException("a known time must be MEASURED or ANCHORED, was " + quality);
            }
            if (at == null) {
                throw new IllegalArgumentException("at must be set, was null");
            }
            if (uncertainty == null || uncertainty.isNegative()) {
                throw new IllegalArgumentException("uncertainty must be ≥ 0, was " + uncertainty);
            }
            if (basis == null) {
                throw new IllegalArgumentException("basis must be set, was null");
            }
            Objects.requireNonNull(explain, "explain");
        }

        @Override
        public Optional<Instant> instant() {
            return Optional.of(at);
        }

        @Override
        public String reason() {
            return requireReason(explain.get());
        }
    }

    /**
     * No believable time.
     *
     * @param cause   why, for grouping on the dashboard and in reports
     * @param explain builds the same as a sentence with the figures
     */
    record Unknown(UnknownCause cause, Supplier<String> explain) implements CorrectedTime {

        public Unknown {
            if (cause == null) {
                throw new IllegalArgumentException("cause must be set, was null");
            }
            Objects.requireNonNull(explain, "explain");
        }

        @Override
        public String reason() {
            return requireReason(explain.get());
        }

        @Override
        public TimeQuality quality() {
            return TimeQuality.UNKNOWN;
        }

        @Override
        public Optional<Instant> instant() {
            return Optional.empty();
        }
    }

    /** Why an event's time is unknown. */
    enum UnknownCause {
        /** The device never reached the server in the event's boot, so that boot's clock was never measured. */
        NO_MEASUREMENT_IN_BOOT,
        /** The corrected time lay after the server received the event, beyond the tolerance. */
        IN_THE_FUTURE
    }

    private static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalStateException("reason must be a non-blank sentence, was "
                    + (reason == null ? "null" : "\"" + reason + "\""));
        }
        return reason;
    }
}
