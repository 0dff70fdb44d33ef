package vn.kiosk06.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** A day's citizens survive packing, merging with newly served ones and a void's drop, in key order. */
class PackedCitizensTest {

    @Property
    void storedThenServed_packsToTheirSortedUnion_andEachNewOneIsReportedOnce(
            @ForAll @Size(max = 50) Set<Long> stored, @ForAll @Size(max = 50) Set<Long> served) {
        long[] before = PackedCitizens.unpack(PackedCitizens.pack(sorted(stored)));
        long[] added = PackedCitizens.notIn(before, served);
        long[] after = PackedCitizens.unpack(PackedCitizens.pack(PackedCitizens.union(before, added)));

        TreeSet<Long> union = new TreeSet<>(stored);
        union.addAll(served);
        assertThat(after).containsExactly(sorted(union));
        TreeSet<Long> fresh = new TreeSet<>(served);
        fresh.removeAll(stored);
        assertThat(added).containsExactly(sorted(fresh));
    }

    @Property
    void aDroppedCitizen_leavesTheOthersInOrder(@ForAll @Size(min = 1, max = 50) Set<Long> stored, @ForAll long other) {
        long[] keys = sorted(stored);
        long dropped = keys[keys.length / 2];
        assertThat(PackedCitizens.without(keys, dropped)).containsExactly(
                Arrays.stream(keys).filter(k -> k != dropped).toArray());
        if (!stored.contains(other)) {
            assertThat(PackedCitizens.without(keys, other)).isSameAs(keys);
        }
    }

    @Example
    void noCitizen_isStoredAsNull() {
        assertThat(PackedCitizens.pack(new long[0])).isNull();
        assertThat(PackedCitizens.unpack(null)).isEmpty();
    }

    private static long[] sorted(Set<Long> keys) {
        return keys.stream().mapToLong(Long::longValue).sorted().toArray();
    }
}
