package vn.kiosk06.bench.simulate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * How many more threads this machine can start: every simulated device runs two (its journal's writer and its sync
 * worker, the client's design), and a Linux machine has one task table for all its users. A 20,000-device run on this
 * 2-core machine started 40,000 threads against {@code kernel.pid_max} 32,768: the simulators, the server and every
 * other process on the machine then failed to start threads or fork (issue 17). So a fleet that would not fit is
 * refused before it starts, naming the limit; raising it is the operator's call.
 *
 * @param taskLimit the machine's task limit: the smaller of {@code kernel.pid_max} and {@code kernel.threads-max}
 * @param running   tasks (threads) running on the machine now
 */
public record ThreadBudget(long taskLimit, long running) {

    /** Threads each simulated device runs: its journal's writer and its sync worker. */
    public static final int THREADS_PER_DEVICE = 2;
    /** Left for everything else: the server, the simulators' own pools, the JVMs, other users' work. */
    static final long RESERVE = 4_000;

    /** This machine's, read from /proc; empty where there is no /proc (no check then). */
    public static Optional<ThreadBudget> ofThisMachine() {
        try {
            long pidMax = Long.parseLong(firstLine("/proc/sys/kernel/pid_max"));
            long threadsMax = Long.parseLong(firstLine("/proc/sys/kernel/threads-max"));
            // /proc/loadavg's fourth field is "runnable/total" scheduling entities: every thread on the machine.
            String[] load = firstLine("/proc/loadavg").split("\\s+");
            long running = Long.parseLong(load[3].substring(load[3].indexOf('/') + 1));
            return Optional.of(new ThreadBudget(Math.min(pidMax, threadsMax), running));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Line by line: Files.readString of a /proc file (size 0) returned its first byte alone on this JDK. */
    private static String firstLine(String file) throws IOException {
        return Files.readAllLines(Path.of(file)).get(0).trim();
    }

    /** The most devices that fit now. */
    public long maxDevices() {
        return Math.max(0, (taskLimit - running - RESERVE) / THREADS_PER_DEVICE);
    }

    /**
     * Why {@code devices} more simulated devices (in this process or several) would not fit, or empty when they do.
     */
    public Optional<String> shortage(long devices) {
        long need = devices * THREADS_PER_DEVICE;
        if (need <= taskLimit - running - RESERVE) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%,d simulated devices need about %,d threads (%d each: journal "
                        + "writer and sync worker) but this machine allows %,d tasks in all (kernel.pid_max / "
                        + "kernel.threads-max), %,d are running and %,d are kept for the server and the rest; at most "
                        + "%,d devices fit now. Starting them would make every process here fail to start threads or fork.",
                devices, need, THREADS_PER_DEVICE, taskLimit, running, RESERVE, maxDevices()));
    }
}
