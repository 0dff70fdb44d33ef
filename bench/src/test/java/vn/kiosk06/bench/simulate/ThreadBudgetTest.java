package vn.kiosk06.bench.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The simulator's check that a fleet's threads fit the machine's task table. */
class ThreadBudgetTest {

    @Test
    void shortage_20000DevicesUnderPidMax32768_isRefusedNamingTheLimitAndWhatFits() {
        ThreadBudget budget = new ThreadBudget(32_768, 1_200);

        assertThat(budget.shortage(20_000)).hasValueSatisfying(why -> assertThat(why)
                .contains("20,000 simulated devices need about 40,000 threads")
                .contains("allows 32,768 tasks in all (kernel.pid_max / kernel.threads-max), 1,200 are running")
                .contains("at most 13,784 devices fit now"));
    }

    @Test
    void shortage_aFleetThatFits_isEmpty() {
        ThreadBudget budget = new ThreadBudget(32_768, 1_200);

        assertThat(budget.shortage(5_000)).isEmpty();
        assertThat(budget.shortage(budget.maxDevices())).isEmpty();
        assertThat(budget.shortage(budget.maxDevices() + 1)).isPresent();
    }

    @Test
    void ofThisMachine_readsALimitAboveWhatRuns() {
        assertThat(ThreadBudget.ofThisMachine()).hasValueSatisfying(b -> assertThat(b.taskLimit()).isGreaterThan(b.running()));
    }
}
