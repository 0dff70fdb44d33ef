package vn.kiosk06.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StormSyncFailuresTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void failuresAreFiledByWhenTheyHappened_aCallBegunDuringTheOutageCountsAsTheOutages() throws Exception {
        long kill = 1_000_000_000_500L; // mid-second
        long back = kill + 17_000;
        JsonNode one = json.readTree("{\"errors\":9,\"failures_by_second\":{\"999999999\":2,\"1000000000\":1,"
                + "\"1000000010\":3,\"1000000027\":1,\"1000000030\":1}}");
        JsonNode two = json.readTree("{\"errors\":1,\"failures_by_second\":{\"1000000044\":1}}");
        JsonNode none = json.readTree("{\"errors\":0,\"failures_by_second\":{}}");

        StormSyncFailures f = StormSyncFailures.read(List.of(one, two, none), kill, back, Duration.ofSeconds(10));

        assertThat(f.beforeKill()).isEqualTo(2);
        assertThat(f.whileDown()).as("the kill's own second, the outage, and up to 10 s after the server answered")
                .isEqualTo(1 + 3 + 1);
        assertThat(f.afterBack()).isEqualTo(2);
        assertThat(f.lastAfterBackSec()).isEqualTo(27); // second 44 began 26.5 s after the server answered: 27, rounded up
    }
}
