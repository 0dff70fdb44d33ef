package vn.kiosk06.server.salvage;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import vn.kiosk06.server.store.SeqRange;

/**
 * A device's report that it found its journal damaged at start, as the dashboard and API show it.
 *
 * @param seq         the seq of the device's JournalSalvaged event
 * @param salvaged    events it carried into a fresh journal
 * @param lost        seq ranges it could not read and the server had not acked: lost on the device (ascending)
 * @param damagedFile the damaged journal kept on the device for a technician
 * @param reason      what was wrong with it
 * @param deviceMs    the device's wall time of the salvage (its own clock, uncorrected)
 */
@Serdeable
public record SalvageRecord(long seq, long salvaged, List<SeqRange> lost, String damagedFile, String reason, long deviceMs) {

    public SalvageRecord {
        lost = List.copyOf(lost);
    }
}
