package vn.kiosk06.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import vn.kiosk06.bench.simulate.SimulationResult;

class StormSyncFailuresTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void failuresAreFiledByWhenTheyHappened_aCallBegunDuringTheOutageCountsAsTheOutages() throws Exception {
        long kill = 1_000_000_000_500L; // mid-second
        long back = kill + 17_000;
        // Read from what simulators print (simulate --json), not from hand-written JSON.
        JsonNode one = printed(Map.of(999_999_999L, 2L, 1_000_000_000L, 1L, 1_000_000_010L, 3L, 1_000_000_027L, 1L,
                1_000_000_030L, 1L));
        JsonNode two = printed(Map.of(1_000_000_044L, 1L));
        JsonNode none = printed(Map.of());

        StormSyncFailures f = StormSyncFailures.read(List.of(one, two, none), kill, back, Duration.ofSeconds(10));

        assertThat(f.beforeKill()).isEqualTo(2);
        assertThat(f.whileDown()).as("the kill's own second, the outage, and up to 10 s after the server answered")
                .isEqualTo(1 + 3 + 1);
        assertThat(f.afterBack()).isEqualTo(2);
        assertThat(f.lastAfterBackSec()).isEqualTo(27); // second 44 began 26.5 s after the server answered: 27, rounded up
    }

    private JsonNode printed(Map<Long, Long> failuresBySecond) throws Exception {
        long errors = failuresBySecond.values().stream().mapToLong(Long::longValue).sum();
        return json.readTree(new SimulationResult(1, 1, 0, 1, 1, 1, 1, 1, 1, 1, errors, List.of(), 1, 0, 0, false, 1,
                new TreeMap<>(failuresBySecond)).json());
    }
}
