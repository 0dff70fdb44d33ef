package vn.kiosk06.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import vn.kiosk06.server.report.rollup.Rollup;

/** A rollup log row decodes to the changes it was made of, and a damaged one is refused saying so. */
class RollupChangesCodecTest {

    @Property(tries = 200)
    void decode_ofEncode_givesTheSameChanges(@ForAll @Size(max = 40) List<@LongRange(min = -1_000_000, max = 30_000) Long> days,
                                             @ForAll @Size(max = 40) List<Long> citizens,
                                             @ForAll @IntRange(min = 1, max = 5000) int devices,
                                             @ForAll long counter) {
        RollupWriter.Changes in = new RollupWriter.Changes();
        for (int i = 0; i < days.size(); i++) {
            long[] c = new long[Rollup.SIZE];
            c[i % Rollup.SIZE] = counter;
            c[Rollup.EVENTS] = i;
            in.counters.add(new RollupWriter.DayCounters(i % devices + 1, days.get(i), c));
        }
        for (int i = 0; i < citizens.size(); i++) {
            long day = days.isEmpty() ? 20_000 : days.get(i % days.size());
            (i % 3 == 0 ? in.droppedCitizens : in.newCitizens).add(new long[] {day, i % devices + 1, citizens.get(i)});
        }

        RollupWriter.Changes out = RollupChangesCodec.decode(RollupChangesCodec.encode(in));

        assertThat(out.counters).hasSameSizeAs(in.counters);
        for (int i = 0; i < in.counters.size(); i++) {
            assertThat(out.counters.get(i).device()).isEqualTo(in.counters.get(i).device());
            assertThat(out.counters.get(i).day()).isEqualTo(in.counters.get(i).day());
            assertThat(out.counters.get(i).counters()).containsExactly(in.counters.get(i).counters());
        }
        // Citizen rows come back grouped by device and day: the same rows, in key order.
        assertThat(text(out.newCitizens)).isEqualTo(text(in.newCitizens));
        assertThat(text(out.droppedCitizens)).isEqualTo(text(in.droppedCitizens));
    }

    private static List<String> text(List<long[]> rows) {
        return rows.stream().sorted(Comparator.<long[]>comparingLong(r -> r[1]).thenComparingLong(r -> r[0])
                .thenComparingLong(r -> r[2])).map(Arrays::toString).toList();
    }

    @Property(tries = 100)
    void aRowCutShort_isRefusedSayingSo(@ForAll @Size(min = 1, max = 10) List<Long> citizens) {
        RollupWriter.Changes in = new RollupWriter.Changes();
        citizens.forEach(c -> in.newCitizens.add(new long[] {20_000, 7, c}));
        byte[] row = RollupChangesCodec.encode(in);

        assertThatThrownBy(() -> RollupChangesCodec.decode(Arrays.copyOf(row, row.length - 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rollup log row");
    }
}
