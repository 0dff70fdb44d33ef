package vn.kiosk06.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The devices' failed sync attempts of a reconnect storm, split by when they happened: before the kill, while the
 * server was down (and within one handshake deadline after it answered again — a call begun during the outage fails
 * up to that long later), and after. The last group is what the storm itself cost: attempts begun while the server
 * was up. Read from the simulators' results ({@code failures_by_second}: epoch second → attempts); a second that
 * straddles a boundary counts on the outage's side.
 *
 * @param beforeKill       attempts that failed before the server was killed
 * @param whileDown        attempts that failed from the kill until one handshake deadline after the server answered
 * @param afterBack        attempts that failed later than that
 * @param lastAfterBackSec the last failure, in whole seconds after the server answered again (0 when none)
 */
record StormSyncFailures(long beforeKill, long whileDown, long afterBack, long lastAfterBackSec) {

    static StormSyncFailures read(List<JsonNode> simulatorResults, long killedAtMs, long backAtMs, Duration grace) {
        long before = 0;
        long down = 0;
        long after = 0;
        long last = 0;
        long graceEndMs = backAtMs + grace.toMillis();
        for (JsonNode result : simulatorResults) {
            for (Iterator<Map.Entry<String, JsonNode>> it = result.path("failures_by_second").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                long secondStartMs = Long.parseLong(e.getKey()) * 1000;
                long attempts = e.getValue().asLong();
                if (secondStartMs + 1000 <= killedAtMs) {
                    before += attempts;
                } else if (secondStartMs <= graceEndMs) {
                    down += attempts;
                } else {
                    after += attempts;
                    last = Math.max(last, (secondStartMs + 999 - backAtMs) / 1000);
                }
            }
        }
        return new StormSyncFailures(before, down, after, last);
    }
}
