package vn.kiosk06.server.store;

import java.util.Arrays;

/**
 * A device's contiguous watermark: every seq up to it is stored or quarantined. Pure arithmetic, shared by the
 * stores; each store reads the seqs above a watermark from its own tables.
 */
public final class Watermarks {

    private Watermarks() {
    }

    /** Every seq of the batch (valid and quarantined), ascending. */
    public static long[] sortedSeqs(IngestBatch batch) {
        long[] seqs = new long[batch.events().size() + batch.quarantined().size()];
        int n = 0;
        for (IncomingEvent e : batch.events()) {
            seqs[n++] = e.seq();
        }
        for (QuarantinedEvent q : batch.quarantined()) {
            seqs[n++] = q.seq();
        }
        Arrays.sort(seqs);
        return seqs;
    }

    /** The watermark after {@code sortedSeqs} arrived on top of {@code watermark} (duplicates and gaps allowed). */
    public static long advance(long watermark, long[] sortedSeqs) {
        long w = watermark;
        for (long s : sortedSeqs) {
            if (s == w + 1) {
                w = s;
            } else if (s > w + 1) {
                break;
            }
        }
        return w;
    }

    /** The highest seq received after the batch: the old maximum or the batch's highest seq. */
    public static long maxSeq(long maxSeq, long[] sortedSeqs) {
        return sortedSeqs.length == 0 ? maxSeq : Math.max(maxSeq, sortedSeqs[sortedSeqs.length - 1]);
    }
}
