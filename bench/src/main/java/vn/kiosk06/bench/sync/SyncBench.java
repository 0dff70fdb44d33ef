package vn.kiosk06.bench.sync;

import vn.kiosk06.bench.scale.Cleanup;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.kiosk06.proto.sync.v1.SealingKey;
import vn.kiosk06.server.seal.SealingKeyRing;

/**
 * {@code kiosk06 bench sync}: one run of the sync path's figures on this machine — durable append rate on a
 * device, server ingest rate over gRPC, the raw-insert limit, bytes on the wire per event, and the time to drain
 * a large backlog — each printed next to its target. A harness that prints what it measured, not a test.
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Measure append, ingest, raw insert, wire size and backlog drain of the sync path (one run).")
public final class SyncBench implements Callable<Integer> {

    /** Ingest over gRPC against the raw JDBC batch insert of the same rows in the same run (issue 16: ≥ 0.75). */
    static final double INGEST_VS_RAW_TARGET = 0.75;

    @Option(names = "--json", description = "Print one JSON object with the figures, nothing else on stdout.")
    boolean json;

    @Option(names = "--appenders", defaultValue = "8", description = "Concurrent appenders on the journal (default ${DEFAULT-VALUE}).")
    int appenders;

    @Option(names = "--appends", defaultValue = "5000", description = "Appends per appender (default ${DEFAULT-VALUE}).")
    int appendsPerThread;

    @Option(names = "--devices", defaultValue = "8", description = "Concurrent devices uploading to the server (default ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--events", defaultValue = "1000000", description = "Events uploaded in the ingest run, all devices together (default ${DEFAULT-VALUE}).")
    long ingestEvents;

    @Option(names = "--backlog", defaultValue = "1000000", description = "Events in the backlog to drain (default ${DEFAULT-VALUE}).")
    long backlogEvents;

    @Option(names = "--citizen-ids", defaultValue = "sealed", description = "How the generated events name citizens: "
            + "sealed (a SealedCitizenId, as devices send them) or keyed (a 16-byte keyed hash, as devices sent before "
            + "sealing), to measure what sealing costs on the wire (default ${DEFAULT-VALUE}).")
    String citizenIds;

    @Option(names = "--dir", description = "Where to put the journal and store files (default: a new temporary directory, deleted after).")
    Path dir;

    @Option(names = "--rounds", defaultValue = "3", description = "Ingest / raw insert pairs, alternating order; the "
            + "median pair's figures count (default ${DEFAULT-VALUE}).")
    int rounds;

    private static final String SEALING_KEYS = "citizen-sealing-keys.properties";
    private static final int BATCH_EVENTS = 2_000;
    private static final long WARM_UP_EVENTS = 200_000;
    private static final int MAX_INFLIGHT = 4;

    @Override
    public Integer call() throws Exception {
        PrintStream progress = System.err;
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("kiosk06-bench-");
        try {
            progress.printf("[bench] working in %s%n", work);
            progress.printf("[bench] append: %d appenders × %,d events on one journal …%n", appenders, appendsPerThread);
            AppendBench.Result append = AppendBench.run(Files.createDirectories(work.resolve("append")), appenders,
                    appendsPerThread, Math.min(500, appendsPerThread));

            progress.printf("[bench] generating %,d events for %d devices …%n", ingestEvents, devices);
            // The server's sealing keys, made before it starts (it loads them), so the fleet's citizens are sealed to it.
            if (!citizenIds.equals("sealed") && !citizenIds.equals("keyed")) {
                throw new IllegalArgumentException("--citizen-ids must be sealed or keyed, was '" + citizenIds + "'");
            }
            Path keys = Files.createDirectories(work.resolve("keys")).resolve(SEALING_KEYS);
            Optional<SealingKey> sealTo = citizenIds.equals("keyed") ? Optional.empty()
                    : Optional.of(SealingKeyRing.loadOrCreate(keys).current());
            FleetWorkload fleet = FleetWorkload.build("bench", devices, ingestEvents, BATCH_EVENTS, 42, sealTo);

            // Ingest and the raw insert in pairs, alternating which goes first, each into fresh files: on a shared
            // machine one pair's ratio swings with whatever else runs, so the figure is the median pair's.
            List<Pair> pairs = new ArrayList<>();
            BacklogDrainBench.Result drain = null;
            for (int r = 1; r <= rounds; r++) {
                RawInsertBench.Result raw = null;
                if (r % 2 == 1) {
                    progress.printf("[bench] round %d/%d: raw JDBC insert of the same rows …%n", r, rounds);
                    raw = RawInsertBench.run(work.resolve("raw-" + r), fleet);
                }
                Path serverDir = Files.createDirectories(work.resolve("server-" + r));
                if (Files.exists(keys)) {
                    Files.copy(keys, serverDir.resolve(SEALING_KEYS));
                }
                IngestBench.Result ingest;
                try (InProcessServer server = InProcessServer.start(serverDir)) {
                    if (r == 1) {
                        // The JIT's warm-up on the same traffic (sealing included), so no round pays for compiling.
                        long warmUp = Math.min(ingestEvents, WARM_UP_EVENTS);
                        progress.printf("[bench] ingest warm-up (%d devices, %,d events, not counted) …%n", devices, warmUp);
                        IngestBench.run(server, FleetWorkload.build("warmup", devices, warmUp, BATCH_EVENTS, 7, sealTo),
                                MAX_INFLIGHT);
                    }
                    progress.printf("[bench] round %d/%d: ingest, %d devices, %,d events over gRPC …%n", r, rounds,
                            devices, fleet.events());
                    ingest = IngestBench.run(server, fleet, MAX_INFLIGHT);
                    if (r == rounds) {
                        progress.printf("[bench] backlog: filling a journal with %,d events, then draining it with the "
                                + "SyncWorker …%n", backlogEvents);
                        drain = BacklogDrainBench.run(Files.createDirectories(work.resolve("backlog")), server,
                                backlogEvents, sealTo);
                    }
                }
                if (raw == null) {
                    progress.printf("[bench] round %d/%d: raw JDBC insert of the same rows …%n", r, rounds);
                    raw = RawInsertBench.run(work.resolve("raw-" + r), fleet);
                }
                pairs.add(new Pair(ingest, raw));
                progress.printf(Locale.ROOT, "[bench] round %d/%d: ingest %,.0f ev/s, raw %,.0f ev/s → %.2f%n", r, rounds,
                        ingest.eventsPerSecond(), raw.eventsPerSecond(), pairs.get(pairs.size() - 1).ratio());
            }
            progress.printf("[bench] (journal filled in %.1f s through appendAsync)%n", drain.fillSeconds());
            Figures f = new Figures(append, pairs, drain);
            System.out.print(json ? f.json() : f.table(appenders, devices));
            System.out.flush();
            return 0;
        } finally {
            if (dir == null) {
                Cleanup.deleteTree(work);
            }
        }
    }

    /** One round's ingest and raw insert of the same rows. */
    record Pair(IngestBench.Result ingest, RawInsertBench.Result raw) {
        double ratio() {
            return ingest.eventsPerSecond() / raw.eventsPerSecond();
        }
    }

    /** What one run measured; ingest and raw figures are the median pair's (by ratio). */
    private record Figures(AppendBench.Result append, List<Pair> pairs, BacklogDrainBench.Result drain) {

        Pair median() {
            List<Pair> sorted = pairs.stream().sorted(java.util.Comparator.comparingDouble(Pair::ratio)).toList();
            return sorted.get(sorted.size() / 2);
        }

        IngestBench.Result ingest() {
            return median().ingest();
        }

        RawInsertBench.Result raw() {
            return median().raw();
        }

        double ingestVsRaw() {
            return median().ratio();
        }

        String eachRound() {
            return pairs.stream().map(p -> String.format(Locale.ROOT, "%.2f", p.ratio()))
                    .collect(java.util.stream.Collectors.joining(","));
        }

        String json() {
            return String.format(Locale.ROOT, "{\"append_events_per_s\":%.0f,\"append_p99_ms\":%.3f,"
                            + "\"ingest_events_per_s\":%.0f,\"raw_insert_events_per_s\":%.0f,\"ingest_vs_raw\":%.3f,"
                            + "\"wire_bytes_per_event\":%.2f,\"backlog_drain_s\":%.2f,\"ingest_cpu_us_per_event\":{%s},"
                            + "\"ingest_vs_raw_each_round\":[%s]}%n",
                    append.eventsPerSecond(), append.p99Ms(), ingest().eventsPerSecond(), raw().eventsPerSecond(), ingestVsRaw(),
                    drain.wireBytesPerEvent(), drain.drainSeconds(), cpuJson(), eachRound());
        }

        /** Where the ingest run's CPU went, µs per event by thread group. */
        private String cpuJson() {
            IngestBench.Result ingest = ingest();
            return ingest.cpuSeconds().entrySet().stream().limit(8)
                    .map(e -> String.format(Locale.ROOT, "\"%s\":%.2f", e.getKey(), e.getValue() * 1e6 / ingest.events()))
                    .collect(java.util.stream.Collectors.joining(","));
        }

        String table(int appenders, int devices) {
            IngestBench.Result ingest = ingest();
            RawInsertBench.Result raw = raw();
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "Kiosk06 sync benchmark — one run on this machine: %d cores, Java %s (%s), load avg %.2f at end%n%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    System.getProperty("java.vm.name"), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
            String row = "%-50s %26s  %-10s %s%n";
            s.append(String.format(Locale.ROOT, row, "figure", "measured", "target", ""));
            s.append(String.format(Locale.ROOT, row,
                    String.format("durable append, %d appenders, %,d events", appenders, append.events()),
                    String.format(Locale.ROOT, "%,.0f ev/s", append.eventsPerSecond()), "≥ 5,000", verdict(append.eventsPerSecond() >= 5_000)));
            s.append(String.format(Locale.ROOT, row, "  append latency p50 / p99 / max",
                    String.format(Locale.ROOT, "%.2f / %.2f / %.1f ms", append.p50Ms(), append.p99Ms(), append.maxMs()), "(printed)", ""));
            s.append(String.format(Locale.ROOT, row,
                    String.format("server ingest over gRPC, %d devices, %,d events", devices, ingest.events()),
                    String.format(Locale.ROOT, "%,.0f ev/s", ingest.eventsPerSecond()), "≥ 50,000", verdict(ingest.eventsPerSecond() >= 50_000)));
            s.append(String.format(Locale.ROOT, row, "raw JDBC batch insert, same rows (the limit)",
                    String.format(Locale.ROOT, "%,.0f ev/s", raw.eventsPerSecond()), "", ""));
            s.append(String.format(Locale.ROOT, row, String.format("ingest / raw insert, median of %d rounds", pairs.size()),
                    String.format(Locale.ROOT, "%.2f (%s)", ingestVsRaw(), eachRound().replace(",", " ")), String.format(Locale.ROOT, "≥ %.2f", INGEST_VS_RAW_TARGET),
                    verdict(ingestVsRaw() >= INGEST_VS_RAW_TARGET)));
            s.append(String.format(Locale.ROOT, "  CPU during the ingest run (%.1f s wall, %d cores), by thread:%n",
                    ingest.seconds(), Runtime.getRuntime().availableProcessors()));
            ingest.cpuSeconds().entrySet().stream().limit(8).forEach(e -> s.append(String.format(Locale.ROOT,
                    "    %-46s %8.2f s  %5.1f µs/event%n", e.getKey(), e.getValue(), e.getValue() * 1e6 / ingest.events())));
            s.append(String.format(Locale.ROOT, row, "bytes on the wire per event (gzip, kiosk mix)",
                    String.format(Locale.ROOT, "%.1f B", drain.wireBytesPerEvent()), "≤ 40", verdict(drain.wireBytesPerEvent() <= 40)));
            s.append(String.format(Locale.ROOT, row, String.format("drain a %,d-event backlog (SyncWorker)", drain.events()),
                    String.format(Locale.ROOT, "%.1f s", drain.drainSeconds()), "≤ 30 s", verdict(drain.drainSeconds() <= 30)));
            return s.toString();
        }

        private static String verdict(boolean pass) {
            return pass ? "PASS" : "MISS";
        }
    }
}
