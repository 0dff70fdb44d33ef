package vn.kiosk06.server.report.rollup;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code rollup_daily} rows held in memory, so a report sums arrays instead of scanning hundreds of thousands of
 * rows (a cumulative report over 2,000 devices × 200 days took about 400 ms in SQLite, a few ms here). A cache of
 * the table and nothing more: loaded when the store opens and extended by the writer with each committed round's
 * changes, so it always equals the table. Days are kept in blocks of {@value #BLOCK_DAYS} per device, so odd dates
 * cost one block, not a range. Thread-safe (one lock; sums are short).
 */
public final class RollupCache {

    private static final int BLOCK_DAYS = 64;
    private static final int SIZE = Rollup.SIZE;

    /** (device row id, block number) → counters of the block's days, day-major. */
    private final Map<Long, long[]> blocks = new HashMap<>();
    /** device row id → counters of its events whose time is unknown. */
    private final Map<Long, long[]> unknown = new HashMap<>();
    /** device row id → lowest and highest block held, for range scans. */
    private final Map<Long, long[]> span = new HashMap<>();

    /** Adds {@code counters} to the device's day ({@link Rollup#UNKNOWN_DAY} for time unknown). */
    public synchronized void add(long device, long day, long[] counters) {
        long[] target;
        int offset;
        if (day == Rollup.UNKNOWN_DAY) {
            target = unknown.computeIfAbsent(device, d -> new long[SIZE]);
            offset = 0;
        } else {
            long block = Math.floorDiv(day, BLOCK_DAYS);
            target = blocks.computeIfAbsent(key(device, block), k -> new long[BLOCK_DAYS * SIZE]);
            offset = (int) (day - block * BLOCK_DAYS) * SIZE;
            long[] s = span.computeIfAbsent(device, d -> new long[] {block, block});
            s[0] = Math.min(s[0], block);
            s[1] = Math.max(s[1], block);
        }
        for (int i = 0; i < SIZE; i++) {
            target[offset + i] += counters[i];
        }
    }

    /** Counters of {@code devices} summed over days [first, last]. */
    public synchronized long[] sum(long[] devices, long first, long last) {
        long[] out = new long[SIZE];
        for (long device : devices) {
            forEachDay(device, first, last, (block, offset, day) -> {
                for (int i = 0; i < SIZE; i++) {
                    out[i] += block[offset + i];
                }
            });
        }
        return out;
    }

    /** Counters of {@code devices}' events of unknown time. */
    public synchronized long[] unknown(long[] devices) {
        long[] out = new long[SIZE];
        for (long device : devices) {
            long[] u = unknown.get(device);
            if (u != null) {
                for (int i = 0; i < SIZE; i++) {
                    out[i] += u[i];
                }
            }
        }
        return out;
    }

    /** The day's counters of one device, or null; {@code into} receives them per day in [first, last]. */
    public synchronized void days(long device, long first, long last, DayVisitor visitor) {
        forEachDay(device, first, last, visitor);
    }

    /** The last day in [first, last] on which the device had any event, or {@code Long.MIN_VALUE}. */
    public synchronized long lastEventDay(long device, long first, long last) {
        long[] s = span.get(device);
        if (s == null) {
            return Long.MIN_VALUE;
        }
        long to = Math.min(last, s[1] * BLOCK_DAYS + BLOCK_DAYS - 1);
        long from = Math.max(first, s[0] * BLOCK_DAYS);
        for (long day = to; day >= from; day--) {
            long[] block = blocks.get(key(device, Math.floorDiv(day, BLOCK_DAYS)));
            if (block == null) {
                day = Math.floorDiv(day, BLOCK_DAYS) * BLOCK_DAYS; // skip the missing block
                continue;
            }
            if (block[(int) (day - Math.floorDiv(day, BLOCK_DAYS) * BLOCK_DAYS) * SIZE + Rollup.EVENTS] > 0) {
                return day;
            }
        }
        return Long.MIN_VALUE;
    }

    /** Receives one day's counters: {@code block[offset .. offset + SIZE)}. */
    public interface DayVisitor {
        void day(long[] block, int offset, long day);
    }

    private void forEachDay(long device, long first, long last, DayVisitor visitor) {
        long[] s = span.get(device);
        if (s == null) {
            return;
        }
        long fromBlock = Math.max(s[0], Math.floorDiv(first, BLOCK_DAYS));
        long toBlock = Math.min(s[1], Math.floorDiv(last, BLOCK_DAYS));
        for (long b = fromBlock; b <= toBlock; b++) {
            long[] block = blocks.get(key(device, b));
            if (block == null) {
                continue;
            }
            long d0 = Math.max(first, b * BLOCK_DAYS);
            long d1 = Math.min(last, b * BLOCK_DAYS + BLOCK_DAYS - 1);
            for (long day = d0; day <= d1; day++) {
                visitor.day(block, (int) (day - b * BLOCK_DAYS) * SIZE, day);
            }
        }
    }

    private static long key(long device, long block) {
        return (device << 32) ^ (block & 0xFFFFFFFFL);
    }
}
