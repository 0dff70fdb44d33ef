package vn.kiosk06.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reconnect storm (issue 17): the server is killed in the middle of a fleet run and started again on the same
 * ports and store, so every device loses its calls at once and comes back at once — spread only by its own backoff
 * with jitter. From the moment the restarted server says it is healthy, its public health endpoint is asked every
 * {@link #PROBE_EVERY} until the run ends: an answer that is not 200 within {@link #PROBE_TIMEOUT} counts as a
 * failure. The heap of the restarted server is watched as the first one's was.
 */
final class ReconnectStorm implements AutoCloseable {

    static final Duration PROBE_EVERY = Duration.ofMillis(250);
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    /**
     * @param downSeconds       from the kill until the restarted server's health said 200
     * @param firstCpuSeconds   CPU time the killed server had used
     * @param healthChecks      health probes after the restart
     * @param healthFailures    of those, the ones not answered 200 within the timeout
     * @param healthP99Ms       the probes' p99 answer time
     * @param healthProblems    the first {@link #PROBLEMS_KEPT} failed probes: when (seconds after the restart) and why
     * @param syncFailures      the devices' failed sync attempts before, during and after the outage
     */
    record Figures(double downSeconds, double firstCpuSeconds, long healthChecks, long healthFailures,
                   double healthP99Ms, List<String> healthProblems, StormSyncFailures syncFailures) {
        Figures {
            healthProblems = List.copyOf(healthProblems);
        }
    }

    static final int PROBLEMS_KEPT = 10;

    private final ServerProcess restarted;
    private final HeapWatch heap;
    private final double downSeconds;
    private final double firstCpuSeconds;
    private final AtomicLong failures = new AtomicLong();
    private final List<Long> answerNanos = Collections.synchronizedList(new ArrayList<>());
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final long killedAtMs;
    private final PrintStream log;
    private final long backAtMs;
    private final long backNanos;
    private final Thread prober;
    private volatile boolean running = true;

    private ReconnectStorm(ServerProcess restarted, long killedAtMs, double downSeconds, double firstCpuSeconds,
                           PrintStream log) {
        this.restarted = restarted;
        this.log = log;
        this.killedAtMs = killedAtMs;
        this.backAtMs = System.currentTimeMillis();
        this.backNanos = System.nanoTime();
        this.downSeconds = downSeconds;
        this.firstCpuSeconds = firstCpuSeconds;
        this.heap = new HeapWatch(restarted);
        this.prober = new Thread(this::probe, "health-probe");
        prober.setDaemon(true);
        prober.start();
    }

    /**
     * Kills {@code server}, starts it again and begins probing; returns once the restarted server says it is ready.
     * A failed probe is written to {@code log} as it happens.
     */
    static ReconnectStorm restart(ServerProcess server, PrintStream log) throws IOException, InterruptedException {
        double cpu = ProcStat.cpuSeconds(server.pid());
        long killedAtMs = System.currentTimeMillis();
        long t0 = System.nanoTime();
        ServerProcess again = server.killAndRestart(); // returns once its health says 200: down until then
        return new ReconnectStorm(again, killedAtMs, (System.nanoTime() - t0) / 1e9, cpu, log);
    }

    private void probe() {
        while (running) {
            long t0 = System.nanoTime();
            Optional<String> problem = restarted.healthProblem(PROBE_TIMEOUT);
            long took = System.nanoTime() - t0;
            if (!running) {
                return; // interrupted by close(): not the server's answer
            }
            answerNanos.add(took);
            if (problem.isPresent()) {
                String line = String.format(Locale.ROOT, "+%.1f s: %s", (t0 - backNanos) / 1e9, problem.get());
                log.println("[bench] reconnect storm: health probe failed at " + line);
                if (failures.incrementAndGet() <= PROBLEMS_KEPT) {
                    problems.add(line);
                }
            }
            long rest = PROBE_EVERY.toNanos() - took;
            if (rest > 0) {
                try {
                    Thread.sleep(rest / 1_000_000, (int) (rest % 1_000_000)); // a probe's pace, not a test's wait
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** The server now running. */
    ServerProcess server() {
        return restarted;
    }

    /** The restarted server's peak heap in use so far. */
    double heapPeakMib() {
        return heap.peakMib();
    }

    /** The figures so far; the devices' failed sync attempts read from the simulators' results. */
    Figures figures(List<JsonNode> simulatorResults, Duration handshakeDeadline) {
        List<Long> sorted;
        synchronized (answerNanos) {
            sorted = new ArrayList<>(answerNanos);
        }
        Collections.sort(sorted);
        double p99 = sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1)) / 1e6;
        List<String> problemsSoFar;
        synchronized (problems) {
            problemsSoFar = List.copyOf(problems);
        }
        return new Figures(downSeconds, firstCpuSeconds, sorted.size(), failures.get(), p99, problemsSoFar,
                StormSyncFailures.read(simulatorResults, killedAtMs, backAtMs, handshakeDeadline));
    }

    /** From the kill until the restarted server's health said 200. */
    double downSeconds() {
        return downSeconds;
    }

    @Override
    public void close() {
        running = false;
        prober.interrupt();
        try {
            prober.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        heap.close();
        restarted.close();
    }
}
