package vn.kiosk06.server.integrity;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Optional;

/**
 * One device's chain as the fleet view and the device API show it.
 *
 * @param state          {@code unchecked}, {@code ok}, {@code gap} (only gaps, which are not necessarily
 *                       tampering) or {@code broken} (evidence of an edited, deleted or reordered event)
 * @param checkedThrough every event up to this seq has been checked
 * @param summary        one line for the fleet table: "chain ok up to seq N" or "broken at seq N: …"
 * @param breaks         the breaks and gaps found, by seq (for the fleet table, at most the first few)
 */
@Serdeable
public record DeviceIntegrity(String state, long checkedThrough, String summary, List<ChainBreak> breaks) {

    public DeviceIntegrity {
        breaks = List.copyOf(breaks);
    }

    /** A device the checker has not walked yet. */
    public static DeviceIntegrity unchecked() {
        return new DeviceIntegrity("unchecked", 0, "not checked yet", List.of());
    }

    /** The view of a device the checker has walked through {@code checkedThrough}, with its breaks by seq. */
    static DeviceIntegrity of(long checkedThrough, List<ChainBreak> breaks) {
        Optional<ChainBreak> tamper = breaks.stream().filter(ChainBreak::tampering).findFirst();
        if (tamper.isPresent()) {
            long more = breaks.stream().filter(ChainBreak::tampering).count() - 1;
            return new DeviceIntegrity("broken", checkedThrough, "broken at seq " + tamper.get().seq() + ": "
                    + tamper.get().detail() + (more > 0 ? " (and " + more + " more)" : ""), breaks);
        }
        String ok = "chain ok up to seq " + checkedThrough;
        if (!breaks.isEmpty()) {
            return new DeviceIntegrity("gap", checkedThrough, ok + ", except a gap at seq " + breaks.get(0).seq() + ": "
                    + breaks.get(0).detail(), breaks);
        }
        return new DeviceIntegrity("ok", checkedThrough, ok, breaks);
    }
}
