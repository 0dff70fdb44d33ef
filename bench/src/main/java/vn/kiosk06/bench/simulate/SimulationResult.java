package vn.kiosk06.bench.simulate;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What one simulation measured and what the server held at the end.
 *
 * @param devices            devices simulated
 * @param eventsPerDevice    events each journaled
 * @param offlineDevices     devices that started with their whole backlog journaled
 * @param eventsSent         events journaled by all devices (each handed to the sync path)
 * @param eventsAcked        events the devices' journals record as acked
 * @param seconds            from the first worker's start to the last ack (or the timeout)
 * @param ackP50Ms           append → ack latency, median, over online devices' events
 * @param ackP99Ms           the same, 99th percentile
 * @param drainP50Ms         offline devices: connect → whole backlog acked, median
 * @param drainP99Ms         the same, 99th percentile
 * @param errors             failed sync attempts, events the server quarantined, and failed appends
 * @param errorSamples       a few of the error messages, for the operator
 * @param serverEvents       sum of every device's watermark on the server, asked by its own handshake
 * @param devicesAboveTarget devices whose server watermark is above eventsPerDevice (must be 0)
 * @param devicesBelowTarget devices whose server watermark is below eventsPerDevice (must be 0)
 * @param timedOut           whether the run stopped at its timeout before every event was acked
 * @param cpuSeconds         CPU time the simulator's process used, all its devices together
 * @param failuresBySecond   failed sync attempts by the epoch second they were seen (what a reconnect storm cost, when)
 */
public record SimulationResult(int devices, int eventsPerDevice, int offlineDevices, long eventsSent, long eventsAcked,
                               double seconds, double ackP50Ms, double ackP99Ms, double drainP50Ms, double drainP99Ms,
                               long errors, List<String> errorSamples, long serverEvents, int devicesAboveTarget,
                               int devicesBelowTarget, boolean timedOut, double cpuSeconds,
                               SortedMap<Long, Long> failuresBySecond) {

    public SimulationResult {
        errorSamples = List.copyOf(errorSamples);
        failuresBySecond = Collections.unmodifiableSortedMap(new TreeMap<>(failuresBySecond));
    }

    public long expectedEvents() {
        return (long) devices * eventsPerDevice;
    }

    public double eventsPerSecond() {
        return seconds > 0 ? eventsAcked / seconds : 0;
    }

    /** The server holds exactly devices × eventsPerDevice events, none of them beyond a device's own journal. */
    public boolean serverHoldsExactly() {
        return serverEvents == expectedEvents() && devicesAboveTarget == 0 && devicesBelowTarget == 0;
    }

    /** Every event acked and stored exactly once, and no error on the way. */
    public boolean passed() {
        return !timedOut && errors == 0 && eventsAcked == expectedEvents() && serverHoldsExactly();
    }

    /** The figures as one flat JSON object on one line (what {@code simulate --json} prints). */
    public String json() {
        return String.format(Locale.ROOT, "{\"devices\":%d,\"events_per_device\":%d,\"offline_devices\":%d,"
                        + "\"events_sent\":%d,\"events_acked\":%d,\"seconds\":%.2f,\"events_per_s\":%.0f,"
                        + "\"ack_p50_ms\":%s,\"ack_p99_ms\":%s,\"drain_p50_ms\":%s,\"drain_p99_ms\":%s,\"errors\":%d,"
                        + "\"server_events\":%d,\"devices_above_target\":%d,\"devices_below_target\":%d,"
                        + "\"timed_out\":%b,\"passed\":%b,\"cpu_s\":%.1f,\"failures_by_second\":{%s}}",
                devices, eventsPerDevice, offlineDevices, eventsSent, eventsAcked, seconds, eventsPerSecond(),
                number(ackP50Ms), number(ackP99Ms), number(drainP50Ms), number(drainP99Ms), errors, serverEvents,
                devicesAboveTarget, devicesBelowTarget, timedOut, passed(), cpuSeconds,
                failuresBySecond.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                        .collect(Collectors.joining(",")));
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "null" : String.format(Locale.ROOT, "%.1f", v);
    }

    /** The final summary, as the command prints it. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "Simulated %,d devices × %,d events (%,d started offline with their backlog)%n",
                devices, eventsPerDevice, offlineDevices));
        s.append(String.format(Locale.ROOT, "  events sent / acked      %,d / %,d in %.1f s%n", eventsSent, eventsAcked, seconds));
        s.append(String.format(Locale.ROOT, "  throughput               %,.0f events/s%n", eventsPerSecond()));
        s.append(String.format(Locale.ROOT, "  ack latency p50 / p99    %.0f / %.0f ms (append → acked, online devices)%n", ackP50Ms, ackP99Ms));
        s.append(String.format(Locale.ROOT, "  backlog drain p50 / p99  %.0f / %.0f ms (connect → last ack, offline devices)%n", drainP50Ms, drainP99Ms));
        s.append(String.format(Locale.ROOT, "  errors                   %,d%n", errors));
        errorSamples.forEach(e -> s.append("    e.g. ").append(e).append(System.lineSeparator()));
        s.append(String.format(Locale.ROOT, "  server holds             %,d events (expected %,d = %,d × %,d); devices above %,d: %d, below: %d%n",
                serverEvents, expectedEvents(), devices, eventsPerDevice, eventsPerDevice, devicesAboveTarget, devicesBelowTarget));
        if (timedOut) {
            s.append("  TIMED OUT before every event was acked").append(System.lineSeparator());
        }
        s.append(passed() ? "  PASS: every event stored exactly once, no errors" : "  FAIL").append(System.lineSeparator());
        return s.toString();
    }
}
