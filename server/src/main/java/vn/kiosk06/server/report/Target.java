package vn.kiosk06.server.report;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import vn.kiosk06.wire.AgeGroup;
import vn.kiosk06.wire.FieldActivity;

/**
 * A target ("chỉ tiêu") for one unit: a share of a known population to reach with one field activity,
 * e.g. seed 002's "95% of citizens from 14 with a level-2 VNeID account" in a ward.
 *
 * @param unitCode      the org unit the target is set for
 * @param activity      the activity that counts toward it
 * @param ageGroups     the age groups that count (non-empty), e.g. {AGE_14_PLUS}
 * @param denominator   the population the percentage is of, e.g. citizens aged ≥ 14 in the ward (> 0)
 * @param baseline      how many of them had already reached it before our figures start (≥ 0), e.g.
 *                      accounts activated at the police station before the campaign
 * @param targetPercent the share to reach, 0–100, e.g. 95
 */
public record Target(String unitCode, FieldActivity activity, Set<AgeGroup> ageGroups, long denominator,
        long baseline, BigDecimal targetPercent) {

    public Target {
        Objects.requireNonNull(unitCode, "unitCode");
        Objects.requireNonNull(activity, "activity");
        Objects.requireNonNull(ageGroups, "ageGroups");
        if (ageGroups.isEmpty()) {
            throw new IllegalArgumentException("target for " + unitCode + "/" + activity + " needs an age group");
        }
        ageGroups = Set.copyOf(EnumSet.copyOf(ageGroups));
        if (denominator <= 0) {
            throw new IllegalArgumentException("denominator must be > 0, was " + denominator);
        }
        if (baseline < 0) {
            throw new IllegalArgumentException("baseline must be ≥ 0, was " + baseline);
        }
        Objects.requireNonNull(targetPercent, "targetPercent");
        if (targetPercent.signum() < 0 || targetPercent.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("targetPercent must be 0–100, was " + targetPercent);
        }
    }

    /** How far {@code figures} (the unit's, for the campaign period) bring this target. */
    public TargetProgress progress(Indicators figures) {
        long done = figures.fieldAssists().total(activity, ageGroups);
        return new TargetProgress(this, Math.addExact(baseline, done));
    }
}
