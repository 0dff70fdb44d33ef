package vn.kiosk06.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import vn.kiosk06.bench.BenchMain;
import vn.kiosk06.bench.simulate.Simulation;
import vn.kiosk06.client.sync.SyncSettings;

/**
 * Thousands of concurrent simulated devices against one server process with a 512 MiB heap: runs
 * {@code simulate} in as few child JVMs as the per-process file limit allows (each device's journal holds five
 * files open), all at once against the same server, samples the server's heap over JMX throughout, then checks
 * through the REST API that the server stores every device's events exactly once.
 */
final class FleetAtScale {

    static final String PREFIX = "scale";
    /** The simulators' niceness (the server runs at the bench's own, normally 0). */
    static final int SIMULATOR_NICENESS = 10;
    private static final String NICE = "nice";

    /**
     * @param devices          devices simulated
     * @param processes        simulator JVMs they ran in
     * @param eventsSent       events the devices journaled
     * @param eventsStored     events the server stores for them (REST, eventsStored summed)
     * @param devicesWrong     devices whose stored count or watermark is not exactly eventsPerDevice
     * @param errors           failed sync attempts, quarantined events and failed appends, all simulators together
     * @param seconds          the slowest simulator's run, first worker start to last ack
     * @param ackP99Ms         the worst simulator's append → ack p99
     * @param heapPeakMib      the server's peak heap in use
     * @param serverAlive      whether the server was still running at the end
     * @param simCpuSeconds    CPU time the simulator processes used, all together
     * @param serverCpuSeconds CPU time the server process used
     * @param failedSimulators one line per simulator process that printed no result (which one, its exit code and its
     *                         last stderr lines); their devices' figures are missing from the sums above
     */
    record Result(int devices, int processes, long eventsSent, long eventsStored, int devicesWrong, long errors,
                  double seconds, double ackP99Ms, double heapPeakMib, boolean serverAlive, double simCpuSeconds,
                  double serverCpuSeconds, List<String> failedSimulators, Optional<ReconnectStorm.Figures> storm) {

        Result {
            failedSimulators = List.copyOf(failedSimulators);
        }

        /** A section not run: nothing sent, nothing stored. */
        static Result none(int devices) {
            return new Result(devices, 0, 0, 0, 0, 0, 0, 0, 0, false, 0, 0, List.of(), Optional.empty());
        }

        /**
         * The simulators' share of the CPU the run used (simulators and server together): on one machine the
         * devices compete with the server for its cores, so its figures are of a server with that share missing.
         */
        double simCpuShare() {
            double total = simCpuSeconds + serverCpuSeconds;
            return total > 0 ? simCpuSeconds / total : 0;
        }

        double eventsPerSecond() {
            return seconds > 0 ? eventsStored / seconds : 0;
        }
    }

    private FleetAtScale() {
    }

    static Result run(Path work, int devices, int eventsPerDevice, double offlineFraction, int spreadSeconds,
                      int rampSeconds, int syncIntervalSeconds, Optional<Duration> restartAfter, PrintStream log)
            throws IOException, InterruptedException {
        int limit = Simulation.maxDevicesPerProcess();
        int processes = (devices + limit - 1) / limit;
        log.printf(Locale.ROOT, "[bench] %,d devices × %,d events against one server (-Xmx512m), in %d simulator process(es) "
                + "(at most %,d devices each under this shell's open-file limit), at nice %d …%n", devices, eventsPerDevice, processes,
                limit, SIMULATOR_NICENESS);
        // The devices' journals go to RAM (tmpfs) when there is one: thousands of devices each have a disk of their
        // own, and sharing this machine's one disk with the server would measure their fsyncs, not the server.
        Path shm = Path.of("/dev/shm");
        Path journals = Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "kiosk06-scale-journals-") : work;
        log.printf("[bench] device journals in %s, server store in %s%n", journals, work);
        ReconnectStorm storm = null;
        try (ServerProcess server = ServerProcess.start(work, "server-5000", 512, ServerProcess.Setup.sqlite());
             HeapWatch heap = new HeapWatch(server)) {
            List<Process> sims = new ArrayList<>();
            List<Path> logs = new ArrayList<>();
            int given = 0;
            for (int k = 0; k < processes; k++) {
                int n = (devices - given) / (processes - k);
                given += n;
                Path simLog = work.resolve("simulate-" + (k + 1) + ".log");
                logs.add(simLog);
                // At a lower priority than the server (nice 10): on this shared machine the devices' work would
                // otherwise take the cores the server's figures are about; their CPU time is measured either way.
                List<String> cmd = new ArrayList<>(List.of(NICE, "-n", String.valueOf(SIMULATOR_NICENESS), SimulatorJvm.binary(), "-Xmx1g"));
                cmd.addAll(SimulatorJvm.options());
                cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
                        BenchMain.class.getName(), "simulate", "--devices", String.valueOf(n),
                        "--events-per-device", String.valueOf(eventsPerDevice), "--target", server.grpcTarget().toString(),
                        "--offline-fraction", String.valueOf(offlineFraction), "--spread", String.valueOf(spreadSeconds),
                        "--ramp", String.valueOf(rampSeconds), "--sync-interval", String.valueOf(syncIntervalSeconds),
                        "--seed", String.valueOf(k + 1), "--device-prefix", PREFIX + "-p" + (k + 1),
                        "--work-dir", journals.resolve("journals-" + (k + 1)).toString(),
                        // each device registered in the server's store and enrolled over TLS, as in a deployment
                        "--enroll-with-data-dir", server.dataDir().toString(), "--json"));
                sims.add(new ProcessBuilder(cmd)
                        .redirectError(simLog.toFile())
                        .redirectOutput(work.resolve("simulate-" + (k + 1) + ".json").toFile())
                        .start());
            }
            ServerProcess current = server;
            long allSyncingSince = 0;
            long lastLine = System.nanoTime();
            for (int k = 0; k < processes; k++) {
                Process p = sims.get(k);
                while (!p.waitFor(1, TimeUnit.SECONDS)) {
                    String progress = progress(logs);
                    if (restartAfter.isPresent() && storm == null) {
                        // Counted from when every simulator has all its devices syncing (setup takes minutes).
                        allSyncingSince = everySimulatorSyncing(progress, processes) ? allSyncingSince == 0
                                ? System.nanoTime() : allSyncingSince : 0;
                        if (allSyncingSince != 0 && System.nanoTime() - allSyncingSince >= restartAfter.get().toNanos()) {
                            log.printf("[bench] reconnect storm: killing the server (SIGKILL) and starting it again on the same ports …%n");
                            storm = ReconnectStorm.restart(server, log);
                            current = storm.server();
                            log.printf(Locale.ROOT, "[bench] reconnect storm: the server is healthy again after %.1f s; "
                                    + "probing its health every %d ms%n", storm.downSeconds(),
                                    ReconnectStorm.PROBE_EVERY.toMillis());
                        }
                    }
                    if (System.nanoTime() - lastLine >= TimeUnit.SECONDS.toNanos(10)) {
                        lastLine = System.nanoTime();
                        log.printf(Locale.ROOT, "[bench]   server heap peak so far %.0f MiB · %s%n", heapPeak(heap, storm), progress);
                    }
                }
            }
            ObjectMapper json = new ObjectMapper();
            long sent = 0;
            long errors = 0;
            double seconds = 0;
            double p99 = 0;
            double simCpu = 0;
            List<String> failed = new ArrayList<>();
            List<JsonNode> results = new ArrayList<>();
            for (int k = 0; k < processes; k++) {
                Path out = work.resolve("simulate-" + (k + 1) + ".json");
                Optional<JsonNode> r = resultOf(json, out);
                if (r.isEmpty()) {
                    String line = noResult(k + 1, processes, sims.get(k).exitValue(), logs.get(k));
                    log.println("[bench] FAIL " + line);
                    failed.add(line);
                    continue;
                }
                results.add(r.get());
                sent += r.get().get("events_sent").asLong();
                errors += r.get().get("errors").asLong();
                seconds = Math.max(seconds, r.get().get("seconds").asDouble());
                p99 = Math.max(p99, r.get().get("ack_p99_ms").asDouble());
                simCpu += r.get().path("cpu_s").asDouble();
            }
            long stored = 0;
            int wrong = 0;
            int seen = 0;
            for (JsonNode d : json.readTree(current.get("/api/v1/devices"))) {
                if (!d.get("deviceId").asText().startsWith(PREFIX + "-")) {
                    continue;
                }
                seen++;
                stored += d.get("eventsStored").asLong();
                if (d.get("eventsStored").asLong() != eventsPerDevice || d.get("watermark").asLong() != eventsPerDevice) {
                    wrong++;
                }
            }
            wrong += devices - seen;
            Optional<ReconnectStorm.Figures> stormFigures = Optional.ofNullable(storm)
                    .map(st -> st.figures(results, SyncSettings.defaults().handshakeDeadline()));
            double serverCpu = current.cpuSeconds() + stormFigures.map(ReconnectStorm.Figures::firstCpuSeconds).orElse(0.0);
            return new Result(devices, processes, sent, stored, wrong, errors, seconds, p99, heapPeak(heap, storm),
                    current.alive(), simCpu, serverCpu, failed, stormFigures);
        } finally {
            if (storm != null) {
                storm.close();
            }
            if (!journals.equals(work)) {
                Cleanup.deleteTree(journals);
            }
        }
    }

    private static double heapPeak(HeapWatch first, ReconnectStorm storm) {
        return Math.max(first.peakMib(), storm == null ? 0 : storm.heapPeakMib());
    }

    /** Whether every simulator's progress line says its devices are syncing (not starting or setting up). */
    static boolean everySimulatorSyncing(String progress, int processes) {
        return progress.split(" \\| ", -1).length == processes
                && java.util.Arrays.stream(progress.split(" \\| ")).allMatch(l -> l.contains("devices synced"));
    }

    /** Stderr lines of a simulator that printed no result shown in the failure line. */
    static final int STDERR_LINES_SHOWN = 8;

    /** The failure line of simulator number {@code k} (from 1) that printed no result: which, its exit, its last stderr. */
    static String noResult(int k, int processes, int exit, Path stderr) {
        return String.format(Locale.ROOT, "simulator %d of %d (devices %s-p%d-*) printed no result (exit %d); last lines "
                + "of %s:%n%s", k, processes, PREFIX, k, exit, stderr, indent(tail(stderr, STDERR_LINES_SHOWN)));
    }

    /** A simulator's JSON result line, or empty when it printed none (it stopped before its summary) or not JSON. */
    static Optional<JsonNode> resultOf(ObjectMapper json, Path out) {
        try {
            String text = Files.exists(out) ? Files.readString(out).trim() : "";
            if (text.isEmpty()) {
                return Optional.empty();
            }
            JsonNode r = json.readTree(text);
            return r.has("events_sent") ? Optional.of(r) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The last {@code n} lines of a log (read from its end: a simulator's stderr can grow to megabytes). */
    static List<String> tail(Path file, int n) {
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "r")) {
            long from = Math.max(0, f.length() - 64 * 1024);
            byte[] bytes = new byte[(int) (f.length() - from)];
            f.seek(from);
            f.readFully(bytes);
            // A progress line rewritten in place on a terminal ends with \r; each rewrite is a line here.
            List<String> lines = new ArrayList<>(List.of(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                    .split("\r?\n|\r")));
            lines.removeIf(String::isBlank);
            if (from > 0 && !lines.isEmpty()) {
                lines.remove(0); // cut mid-line
            }
            return lines.subList(Math.max(0, lines.size() - n), lines.size());
        } catch (IOException e) {
            return List.of("(no stderr: " + e.getMessage() + ")");
        }
    }

    private static String indent(List<String> lines) {
        return lines.isEmpty() ? "    (nothing)" : "    " + String.join(System.lineSeparator() + "    ", lines);
    }

    /** Each simulator's last progress line ({@code [simulate] …}; its sync workers' warnings in between skipped). */
    private static String progress(List<Path> logs) {
        List<String> lines = new ArrayList<>();
        for (Path p : logs) {
            List<String> last = tail(p, Integer.MAX_VALUE); // the last 64 KiB: sync warnings can bury it
            String line = "(starting)";
            for (String l : last) {
                if (l.startsWith("[simulate] ")) {
                    line = l.substring("[simulate] ".length());
                }
            }
            lines.add(line);
        }
        return String.join(" | ", lines);
    }
}
