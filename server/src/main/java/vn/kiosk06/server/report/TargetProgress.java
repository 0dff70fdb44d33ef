package vn.kiosk06.server.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * How far a {@link Target} has been reached. Immutable and thread-safe.
 *
 * @param target   the target
 * @param achieved how many of the denominator have reached it (baseline + counted assists), ≥ 0
 */
public record TargetProgress(Target target, long achieved) {

    public TargetProgress {
        Objects.requireNonNull(target, "target");
        if (achieved < 0) {
            throw new IllegalArgumentException("achieved must be ≥ 0, was " + achieved);
        }
    }

    /** achieved / denominator × 100, HALF_UP to 2 decimals; may exceed 100 (seed 003: "đạt tỷ lệ 154,36%"). */
    public BigDecimal percent() {
        return VietnameseNumbers.ratePercent(achieved, target.denominator()).orElseThrow();
    }

    /** How many are needed to reach the target: ⌈denominator × target% / 100⌉. */
    public long required() {
        return BigDecimal.valueOf(target.denominator()).multiply(target.targetPercent())
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING).longValueExact();
    }

    /** Whether the target is reached. */
    public boolean met() {
        return achieved >= required();
    }

    /** How many are still missing, 0 when met. */
    public long shortfall() {
        return Math.max(0, required() - achieved);
    }
}
