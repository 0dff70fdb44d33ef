package vn.kiosk06.server.store;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import vn.kiosk06.server.report.rollup.Rollup;

/**
 * A round's {@link RollupWriter.Changes} as the bytes of one {@code rollup_log} row, and back. Compact, because a
 * busy round adds thousands of citizens to their days: protobuf's varints for ids, days and counters (most counters
 * of a device-day change are 0, one byte each), citizens grouped by (device, day) with each citizen key as its 8
 * bytes (keys are hashes: varints would make them longer). The first byte is the format's version. Stateless.
 */
final class RollupChangesCodec {

    private static final int VERSION = 1;
    private static final Comparator<long[]> BY_DEVICE_DAY_CITIZEN = Comparator.<long[]>comparingLong(r -> r[1])
            .thenComparingLong(r -> r[0]).thenComparingLong(r -> r[2]);

    private RollupChangesCodec() {
    }

    static byte[] encode(RollupWriter.Changes changes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + changes.newCitizens.size() * 9
                + changes.counters.size() * (Rollup.SIZE + 6));
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            out.writeUInt32NoTag(VERSION);
            out.writeUInt32NoTag(changes.counters.size());
            for (RollupWriter.DayCounters d : changes.counters) {
                out.writeUInt64NoTag(d.device());
                out.writeSInt64NoTag(d.day());
                for (int i = 0; i < Rollup.SIZE; i++) {
                    out.writeSInt64NoTag(d.counters()[i]);
                }
            }
            writeCitizens(out, changes.newCitizens);
            writeCitizens(out, changes.droppedCitizens);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode rollup changes in memory", e);
        }
        return bytes.toByteArray();
    }

    /** The changes {@link #encode} wrote; a row it cannot read is an error naming what was wrong. */
    static RollupWriter.Changes decode(byte[] row) {
        RollupWriter.Changes changes = new RollupWriter.Changes();
        CodedInputStream in = CodedInputStream.newInstance(row);
        try {
            int version = in.readUInt32();
            if (version != VERSION) {
                throw new IllegalArgumentException("rollup log row of format " + version + ", this server reads "
                        + VERSION);
            }
            int n = in.readUInt32();
            for (int k = 0; k < n; k++) {
                long device = in.readUInt64();
                long day = in.readSInt64();
                long[] counters = new long[Rollup.SIZE];
                for (int i = 0; i < Rollup.SIZE; i++) {
                    counters[i] = in.readSInt64();
                }
                changes.counters.add(new RollupWriter.DayCounters(device, day, counters));
            }
            readCitizens(in, changes.newCitizens);
            readCitizens(in, changes.droppedCitizens);
            if (!in.isAtEnd()) {
                throw new IllegalArgumentException("rollup log row has bytes after its changes");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("rollup log row is cut short or malformed: " + e.getMessage(), e);
        }
        return changes;
    }

    /** (day, device, citizen) rows as groups: device, day, count, then each citizen's 8 bytes. */
    private static void writeCitizens(CodedOutputStream out, List<long[]> rows) throws IOException {
        long[][] sorted = rows.toArray(long[][]::new);
        Arrays.sort(sorted, BY_DEVICE_DAY_CITIZEN);
        int groups = 0;
        for (int i = 0; i < sorted.length; i++) {
            groups += i == 0 || !sameDeviceDay(sorted[i], sorted[i - 1]) ? 1 : 0;
        }
        out.writeUInt32NoTag(groups);
        for (int from = 0; from < sorted.length; ) {
            int to = from + 1;
            while (to < sorted.length && sameDeviceDay(sorted[to], sorted[from])) {
                to++;
            }
            out.writeUInt64NoTag(sorted[from][1]);
            out.writeSInt64NoTag(sorted[from][0]);
            out.writeUInt32NoTag(to - from);
            for (int i = from; i < to; i++) {
                out.writeFixed64NoTag(sorted[i][2]);
            }
            from = to;
        }
    }

    private static void readCitizens(CodedInputStream in, List<long[]> into) throws IOException {
        int groups = in.readUInt32();
        for (int g = 0; g < groups; g++) {
            long device = in.readUInt64();
            long day = in.readSInt64();
            int n = in.readUInt32();
            for (int i = 0; i < n; i++) {
                into.add(new long[] {day, device, in.readFixed64()});
            }
        }
    }

    private static boolean sameDeviceDay(long[] a, long[] b) {
        return a[0] == b[0] && a[1] == b[1];
    }
}
