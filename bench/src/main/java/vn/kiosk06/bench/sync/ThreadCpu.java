package vn.kiosk06.bench.sync;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the CPU of an in-process run went, by thread group ({@code store-writer}, {@code io-executor-thread-3} →
 * {@code io-executor-thread}, …): the difference of each live thread's CPU time between two snapshots. Threads that
 * end in between are missed; the bench adds its own short-lived threads' time with {@link #add}.
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<Long, Long> startNanos = new HashMap<>();
    private final Map<String, Long> extraNanos = new TreeMap<>();

    private ThreadCpu() {
    }

    static ThreadCpu start() {
        ThreadCpu s = new ThreadCpu();
        for (long id : THREADS.getAllThreadIds()) {
            long cpu = THREADS.getThreadCpuTime(id);
            if (cpu >= 0) {
                s.startNanos.put(id, cpu);
            }
        }
        return s;
    }

    /** CPU time the calling thread used so far, for threads that end before {@link #byGroup()}. */
    static long currentThreadNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    synchronized void add(String group, long nanos) {
        extraNanos.merge(group, nanos, Long::sum);
    }

    /** CPU seconds per thread group since {@link #start()}, largest first. */
    synchronized Map<String, Double> byGroup() {
        Map<String, Long> nanos = new HashMap<>(extraNanos);
        for (long id : THREADS.getAllThreadIds()) {
            long cpu = THREADS.getThreadCpuTime(id);
            ThreadInfo info = THREADS.getThreadInfo(id);
            if (cpu < 0 || info == null) {
                continue;
            }
            long used = cpu - startNanos.getOrDefault(id, 0L);
            if (used > 0) {
                nanos.merge(group(info.getThreadName()), used, Long::sum);
            }
        }
        Map<String, Double> seconds = new LinkedHashMap<>();
        nanos.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> seconds.put(e.getKey(), e.getValue() / 1e9));
        return seconds;
    }

    /** A pool's threads as one group: the name without its numbers. */
    static String group(String threadName) {
        return threadName.replaceAll("-?\\d+", "").replaceAll("-+$", "");
    }
}
