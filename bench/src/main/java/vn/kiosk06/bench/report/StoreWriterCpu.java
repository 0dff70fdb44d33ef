package vn.kiosk06.bench.report;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * The CPU time of the open stores' writer threads ("store-writer" on SQLite, "pg-store-writer-N" on PostgreSQL):
 * ingest is serial on them, so what the rollups add there is what they cost ingest, without the disk's fsync
 * times that make wall-clock rates vary by a tenth from one load to the next on this machine.
 */
final class StoreWriterCpu {

    private StoreWriterCpu() {
    }

    /** CPU nanoseconds of every live thread whose name contains "store-writer". */
    static long nanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().contains("store-writer")) {
                total += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
            }
        }
        return total;
    }
}
