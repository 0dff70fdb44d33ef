package vn.kiosk06.hardware.chip;

import java.util.Objects;
import vn.kiosk06.hardware.identity.FailureReason;

/** Result of validating an MRZ: a valid {@link MrzTd1} or an {@link Invalid} with its reason. */
public sealed interface MrzResult permits MrzTd1, MrzResult.Invalid {

    /** An MRZ that failed validation. */
    record Invalid(FailureReason reason) implements MrzResult {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
