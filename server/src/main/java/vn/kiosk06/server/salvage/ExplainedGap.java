package vn.kiosk06.server.salvage;

import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.List;
import vn.kiosk06.server.store.SeqRange;

/**
 * A run of seqs the server is missing for a device, with what explains it: lost on the device, as the device's
 * journal salvage at {@code salvageSeq} reported, or not received (yet), which nothing explains.
 *
 * @param salvageSeq the seq of the salvage record that reported these seqs lost; 0 when nothing explains the gap
 */
@Serdeable
public record ExplainedGap(long first, long last, boolean lostOnDevice, long salvageSeq) {

    /**
     * Splits the server's missing ranges by the lost ranges the device's salvages reported: each part of a gap a
     * salvage covers is lost on the device, every other part is not received. Both lists ascending.
     */
    public static List<ExplainedGap> explain(List<SeqRange> missing, List<SalvageRecord> salvages) {
        List<ExplainedGap> out = new ArrayList<>();
        for (SeqRange gap : missing) {
            long at = gap.first();
            while (at <= gap.last()) {
                ExplainedGap next = nextPart(at, gap.last(), salvages);
                out.add(next);
                at = next.last() + 1;
            }
        }
        return out;
    }

    /** The part of {@code [at, end]} that starts at {@code at} and has one explanation. */
    private static ExplainedGap nextPart(long at, long end, List<SalvageRecord> salvages) {
        long unexplainedUntil = end;
        for (SalvageRecord s : salvages) {
            for (SeqRange lost : s.lost()) {
                if (lost.first() <= at && at <= lost.last()) {
                    return new ExplainedGap(at, Math.min(end, lost.last()), true, s.seq());
                }
                if (lost.first() > at) {
                    unexplainedUntil = Math.min(unexplainedUntil, lost.first() - 1);
                }
            }
        }
        return new ExplainedGap(at, unexplainedUntil, false, 0);
    }
}
