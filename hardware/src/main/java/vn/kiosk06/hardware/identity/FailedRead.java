package vn.kiosk06.hardware.identity;

import java.util.Objects;

/** A payload that could not be turned into a card, and why. Carries no payload bytes. */
public record FailedRead(FailureReason reason) implements ParsedCard {
    public FailedRead {
        Objects.requireNonNull(reason, "reason");
    }
}
