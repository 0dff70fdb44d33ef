package vn.kiosk06.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.kiosk06.bench.soak.SoakBench.RssSample;

/**
 * The soak's RSS verdict: warm-up steps in the first third are not judged; a steady climb after it is, and a climb
 * that is all JIT code cache is told apart from one outside it.
 */
class RssTrendTest {

    @Test
    void warmUpStepsThenAPlateau_isFlat() {
        List<RssSample> samples = new ArrayList<>();
        for (int s = 0; s <= 600; s += 15) {
            // 106 MiB at start, steps to 121 over the first 3 minutes, then ±0.3 MiB of noise around 121.5
            double mib = s < 200 ? 106 + s * 0.075 : 121.5 + ((s / 15) % 3 - 1) * 0.3;
            samples.add(new RssSample(s, mib, 8));
        }

        RssTrend trend = RssTrend.after(samples, 600);

        assertThat(trend.warmupSeconds()).isEqualTo(200);
        assertThat(trend.slopeMibPerMinute()).isCloseTo(0, within(0.03));
        assertThat(trend.flat()).isTrue();
        assertThat(trend.verdict()).startsWith("RSS FLAT: after a 200 s warm-up");
    }

    @Test
    void aSteadyClimbOutsideTheCodeCache_isGrowing() {
        List<RssSample> samples = new ArrayList<>();
        for (int s = 0; s <= 600; s += 15) {
            samples.add(new RssSample(s, 110 + s / 60.0 * 0.2, 8)); // 0.2 MiB a minute, all run long; code flat
        }

        RssTrend trend = RssTrend.after(samples, 600);

        assertThat(trend.slopeMibPerMinute()).isCloseTo(0.2, within(1e-9));
        assertThat(trend.outsideCodeSlopeMibPerMinute()).isCloseTo(0.2, within(1e-9));
        assertThat(trend.flat()).isFalse();
        assertThat(trend.verdict()).startsWith("RSS GROWING:").contains("slope +0.200 MiB/min");
    }

    @Test
    void aClimbThatIsAllCodeCache_isFlatButForTheCodeCache() {
        List<RssSample> samples = new ArrayList<>();
        for (int s = 0; s <= 600; s += 15) {
            double code = 8 + s / 60.0 * 0.15; // C1 compiling a little more each minute
            samples.add(new RssSample(s, 110 + code, code));
        }

        RssTrend trend = RssTrend.after(samples, 600);

        assertThat(trend.slopeMibPerMinute()).isCloseTo(0.15, within(1e-9));
        assertThat(trend.outsideCodeSlopeMibPerMinute()).isCloseTo(0, within(1e-9));
        assertThat(trend.flat()).isTrue();
        assertThat(trend.verdict()).startsWith("RSS FLAT BUT FOR THE JIT CODE CACHE");
    }

    @Test
    void tooFewSamplesAfterTheWarmUp_areNotJudged() {
        List<RssSample> samples = List.of(new RssSample(0, 100, 5), new RssSample(20, 101, 5), new RssSample(40, 101, 5));

        RssTrend trend = RssTrend.after(samples, 45);

        assertThat(trend.judged()).isFalse();
        assertThat(trend.flat()).isFalse();
        assertThat(trend.verdict()).startsWith("RSS TOO SHORT TO JUDGE: 2 steady samples");
    }

    @Test
    void codeCache_isTheResidentPartOfThisJvmsRwxMapping() throws Exception {
        double code = RssSample.codeCacheMib(ProcessHandle.current().pid());

        // This test's own JVM has compiled something; its code cache is resident and far below the heap's size.
        assertThat(code).isGreaterThan(0.1).isLessThan(256);
    }
}
