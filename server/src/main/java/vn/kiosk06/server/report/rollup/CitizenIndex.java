package vn.kiosk06.server.report.rollup;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The (day, device, citizen) triples of {@code rollup_daily.citizens} held in memory, for the "unique citizens"
 * figure: a distinct count over millions of them is too slow for SQLite on a small machine (seconds for a
 * cumulative report), while a scan of three int arrays with a stamp per citizen takes milliseconds. It is a cache
 * of the table, nothing more: loaded when the store opens and extended by the writer with what each committed
 * round added, so it never holds a citizen the table does not. Citizens and devices are interned to dense ints:
 * device row ids need not be dense (on PostgreSQL every upsert of a known device burns a sequence value, so 2,000
 * devices had ids in the hundreds of thousands), and a scan that tested a mask that large missed the CPU cache on
 * every row. Thread-safe (one lock; scans are short).
 */
public final class CitizenIndex {

    private long[] keys = new long[1 << 16]; // open addressing on the citizen key; 0 = empty (never a key)
    private int[] ids = new int[1 << 16];
    private int citizens;
    private int[] days = new int[1 << 16];
    private int[] devices = new int[1 << 16];
    private int[] who = new int[1 << 16];
    private int rows;
    private int[] seen = new int[0];
    /** Device row id → its dense number in {@link #devices}. */
    private final Map<Long, Integer> deviceNumbers = new HashMap<>();
    private int generation;

    /** Adds one (day, device row id, citizen key) row; the caller adds each table row once. */
    public synchronized void add(long day, long device, long citizen) {
        if (rows == days.length) {
            days = Arrays.copyOf(days, rows * 2);
            devices = Arrays.copyOf(devices, rows * 2);
            who = Arrays.copyOf(who, rows * 2);
        }
        days[rows] = (int) day;
        devices[rows] = deviceNumbers.computeIfAbsent(device, d -> deviceNumbers.size());
        who[rows] = intern(citizen);
        rows++;
    }

    /** Removes the (day, device row id, citizen key) row, if held (its table row was deleted by a void). */
    public synchronized void remove(long day, long device, long citizen) {
        int id = find(citizen);
        Integer number = deviceNumbers.get(device);
        for (int i = 0; id >= 0 && number != null && i < rows; i++) {
            if (days[i] == (int) day && devices[i] == number && who[i] == id) {
                rows--;
                days[i] = days[rows];
                devices[i] = devices[rows];
                who[i] = who[rows];
                return;
            }
        }
    }

    /** The interned id of {@code key}, or -1. */
    private int find(long key) {
        int slot = slotOf(key);
        return keys[slot] == key ? ids[slot] : -1;
    }

    /** The slot holding {@code key}, or the empty slot where it would go. */
    private int slotOf(long key) {
        int mask = keys.length - 1;
        int slot = (int) mix(key) & mask;
        while (keys[slot] != 0 && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** Distinct citizens among rows with day in [firstDay, lastDay] of the devices with the given row ids. */
    public synchronized long countDistinct(long firstDay, long lastDay, long[] deviceRowIds) {
        boolean[] deviceMask = new boolean[deviceNumbers.size()];
        for (long id : deviceRowIds) {
            Integer number = deviceNumbers.get(id);
            if (number != null) {
                deviceMask[number] = true;
            }
        }
        if (seen.length < citizens) {
            seen = new int[Math.max(citizens, seen.length * 2)];
            generation = 0;
        }
        if (++generation == Integer.MAX_VALUE) {
            Arrays.fill(seen, 0);
            generation = 1;
        }
        int g = generation;
        long n = 0;
        for (int i = 0; i < rows; i++) {
            int d = days[i];
            int dev = devices[i];
            if (d >= firstDay && d <= lastDay && deviceMask[dev]) {
                int c = who[i];
                if (seen[c] != g) {
                    seen[c] = g;
                    n++;
                }
            }
        }
        return n;
    }

    private int intern(long key) {
        if (citizens * 2 >= keys.length) {
            rehash();
        }
        int slot = slotOf(key);
        if (keys[slot] == key) {
            return ids[slot];
        }
        keys[slot] = key;
        ids[slot] = citizens;
        return citizens++;
    }

    private void rehash() {
        long[] oldKeys = keys;
        int[] oldIds = ids;
        keys = new long[oldKeys.length * 2];
        ids = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int slot = (int) mix(oldKeys[i]) & mask;
                while (keys[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                ids[slot] = oldIds[i];
            }
        }
    }

    private static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        return k;
    }
}
