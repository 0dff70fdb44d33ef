package vn.kiosk06.bench.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A small run of the fuzz bench: no parser lets an exception escape; the JSON has the documented shape. */
class ParserFuzzBenchTest {
    @Test
    void run_smallBatch_noEscapedExceptions() {
        Map<String, ParserFuzzBench.Figures> results = ParserFuzzBench.run(20_000, 7);
        assertThat(results).containsOnlyKeys("cccd_qr", "bhyt_qr", "mrz", "chip_frame");
        results.values().forEach(f -> assertThat(f.escapedExceptions()).isZero());
        assertThat(ParserFuzzBench.toJson(results))
                .matches("\\{\"cccd_qr\":\\{\"inputs\":20000,\"inputs_per_s\":[0-9.]+,\"escaped_exceptions\":0},"
                        + "\"bhyt_qr\":\\{.*},\"mrz\":\\{.*},\"chip_frame\":\\{.*}}");
    }
}
