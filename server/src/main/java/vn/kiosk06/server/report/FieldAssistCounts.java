package vn.kiosk06.server.report;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import vn.kiosk06.wire.AgeGroup;
import vn.kiosk06.wire.FieldActivity;

/**
 * Field-team assists counted by activity and age group. Every (activity, age group) cell is present,
 * zero when nothing happened, so two counts with the same figures are equal. Immutable and thread-safe.
 */
public record FieldAssistCounts(Map<FieldActivity, Map<AgeGroup, Long>> counts) {

    /** No assists at all. */
    public static final FieldAssistCounts NONE = new FieldAssistCounts(Map.of());

    /** Copies and completes {@code counts}; missing cells are zero. */
    public FieldAssistCounts {
        Objects.requireNonNull(counts, "counts");
        EnumMap<FieldActivity, Map<AgeGroup, Long>> full = new EnumMap<>(FieldActivity.class);
        for (FieldActivity activity : FieldActivity.values()) {
            EnumMap<AgeGroup, Long> row = new EnumMap<>(AgeGroup.class);
            Map<AgeGroup, Long> given = counts.getOrDefault(activity, Map.of());
            for (AgeGroup group : AgeGroup.values()) {
                long n = given.getOrDefault(group, 0L);
                if (n < 0) {
                    throw new IllegalArgumentException(
                            "assist count for " + activity + "/" + group + " must be ≥ 0, was " + n);
                }
                row.put(group, n);
            }
            full.put(activity, Collections.unmodifiableMap(row));
        }
        counts = Collections.unmodifiableMap(full);
    }

    /** A count with one cell set. */
    public static FieldAssistCounts of(FieldActivity activity, AgeGroup group, long n) {
        return NONE.with(activity, group, n);
    }

    /** A copy with the cell (activity, group) set to {@code n}. */
    public FieldAssistCounts with(FieldActivity activity, AgeGroup group, long n) {
        EnumMap<FieldActivity, Map<AgeGroup, Long>> copy = new EnumMap<>(counts);
        EnumMap<AgeGroup, Long> row = new EnumMap<>(counts.get(activity));
        row.put(group, n);
        copy.put(activity, row);
        return new FieldAssistCounts(copy);
    }

    /** Assists of {@code activity} for citizens in {@code group}. */
    public long get(FieldActivity activity, AgeGroup group) {
        return counts.get(activity).get(group);
    }

    /** Assists of {@code activity} over the given age groups. */
    public long total(FieldActivity activity, Set<AgeGroup> groups) {
        return groups.stream().mapToLong(g -> get(activity, g)).sum();
    }

    /** Assists of {@code activity}, all ages. */
    public long total(FieldActivity activity) {
        return total(activity, Set.of(AgeGroup.values()));
    }

    /** All assists. */
    public long total() {
        long sum = 0;
        for (FieldActivity activity : FieldActivity.values()) {
            sum = Math.addExact(sum, total(activity));
        }
        return sum;
    }
}
