package vn.kiosk06.bench.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and memory of a process (and the children it has reaped) from Linux's /proc, for the sizing figures:
 * {@code utime + stime} (+ {@code cutime + cstime}: PostgreSQL's backends that ended are counted in the postmaster's)
 * in clock ticks, and the resident set. 0 where /proc is missing or the process is gone. Stateless, thread-safe.
 */
final class ProcStat {

    /** USER_HZ: 100 on every Linux this runs on (sysconf(_SC_CLK_TCK)). */
    static final double TICKS_PER_SECOND = 100;

    private ProcStat() {
    }

    /** CPU seconds of {@code pid} itself (utime + stime). */
    static double cpuSeconds(long pid) {
        long[] f = fields(pid);
        return f.length == 0 ? 0 : (f[13] + f[14]) / TICKS_PER_SECOND;
    }

    /** CPU seconds of {@code pid}, its reaped children, and its live children (one level: PostgreSQL's backends). */
    static double treeCpuSeconds(long pid) {
        long[] f = fields(pid);
        if (f.length == 0) {
            return 0;
        }
        double total = (f[13] + f[14] + f[15] + f[16]) / TICKS_PER_SECOND;
        for (ProcessHandle child : ProcessHandle.of(pid).map(h -> h.children().toList()).orElse(java.util.List.of())) {
            total += cpuSeconds(child.pid());
        }
        return total;
    }

    static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /** The numeric fields of /proc/pid/stat, 0-based as in proc(5) (field 14 utime is index 13). */
    private static long[] fields(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        } catch (IOException e) {
            return new long[0];
        }
        // The command name (field 2) is in parentheses and may hold spaces: count from the last ')'.
        String[] rest = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long[] out = new long[rest.length + 2];
        for (int i = 0; i < rest.length; i++) {
            try {
                out[i + 2] = Long.parseLong(rest[i]);
            } catch (NumberFormatException e) {
                out[i + 2] = 0; // the state letter
            }
        }
        return out;
    }
}
