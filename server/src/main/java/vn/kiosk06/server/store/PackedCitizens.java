package vn.kiosk06.server.store;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collection;

/**
 * A device-day's distinct citizens as stored in {@code rollup_daily.citizens}: the citizen keys ascending, 8 bytes
 * each, big-endian (what V15 builds with {@code int8send} on PostgreSQL and {@code printf('%016X')} on SQLite). One
 * value per (device, day) row instead of a row per citizen: a B-tree insert per citizen was half of what the
 * rollups cost the store's writer (issue 16.3). Null or empty stands for no citizen.
 */
final class PackedCitizens {

    /** No citizen. */
    static final long[] NONE = new long[0];

    private PackedCitizens() {
    }

    /** The keys of a stored value, ascending. */
    static long[] unpack(byte[] packed) {
        if (packed == null || packed.length == 0) {
            return NONE;
        }
        if (packed.length % Long.BYTES != 0) {
            throw new IllegalStateException("rollup_daily.citizens holds " + packed.length
                    + " bytes, not a whole number of 8-byte keys");
        }
        long[] keys = new long[packed.length / Long.BYTES];
        ByteBuffer.wrap(packed).asLongBuffer().get(keys);
        return keys;
    }

    /** The value for {@code keys} given ascending; null for none. */
    static byte[] pack(long[] keys) {
        if (keys.length == 0) {
            return null;
        }
        ByteBuffer out = ByteBuffer.allocate(keys.length * Long.BYTES);
        out.asLongBuffer().put(keys);
        return out.array();
    }

    /** Those of {@code served} not in {@code stored} (ascending), ascending. */
    static long[] notIn(long[] stored, Collection<Long> served) {
        long[] added = new long[served.size()];
        int n = 0;
        for (long c : served) {
            if (Arrays.binarySearch(stored, c) < 0) {
                added[n++] = c;
            }
        }
        added = Arrays.copyOf(added, n);
        Arrays.sort(added);
        return added;
    }

    /** The union of two ascending, disjoint key arrays, ascending. */
    static long[] union(long[] a, long[] b) {
        long[] out = new long[a.length + b.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < a.length && j < b.length) {
            out[k++] = a[i] < b[j] ? a[i++] : b[j++];
        }
        while (i < a.length) {
            out[k++] = a[i++];
        }
        while (j < b.length) {
            out[k++] = b[j++];
        }
        return out;
    }

    /** {@code keys} (ascending) without {@code key}; the same array when it is not there. */
    static long[] without(long[] keys, long key) {
        int at = Arrays.binarySearch(keys, key);
        if (at < 0) {
            return keys;
        }
        long[] out = new long[keys.length - 1];
        System.arraycopy(keys, 0, out, 0, at);
        System.arraycopy(keys, at + 1, out, at, keys.length - at - 1);
        return out;
    }
}
