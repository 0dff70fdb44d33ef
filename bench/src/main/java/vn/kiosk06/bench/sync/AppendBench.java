package vn.kiosk06.bench.sync;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import vn.kiosk06.bench.workload.EventMix;
import vn.kiosk06.client.clock.SystemDeviceClock;
import vn.kiosk06.client.journal.Journal;
import vn.kiosk06.client.journal.JournalSettings;
import vn.kiosk06.proto.sync.v1.Event;

/**
 * Durable appends on a device: a real {@link Journal} file (WAL, {@code synchronous=FULL}, group commit) with
 * several threads each appending a realistic run of events and waiting for each to be durable, as the device's
 * API handlers do. Measures events/s over the whole run and the latency of each append.
 */
final class AppendBench {

    record Result(long events, double seconds, double eventsPerSecond, double p50Ms, double p99Ms, double maxMs) {
    }

    private AppendBench() {
    }

    static Result run(Path dir, int threads, int perThread, int warmupPerThread) throws InterruptedException {
        List<List<Event>> warmup = new ArrayList<>();
        List<List<Event>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            EventMix mix = new EventMix(t % 4 == 3 ? EventMix.Profile.FIELD : EventMix.Profile.KIOSK,
                    String.format("PQ%02d", t + 1), 1_000 + t, LocalDate.of(2026, 11, 23));
            warmup.add(contents(mix, warmupPerThread));
            work.add(contents(mix, perThread));
        }
        try (Journal journal = Journal.open(dir.resolve("journal.db"), JournalSettings.defaults(), SystemDeviceClock.start())) {
            long[] receptionSeqs = new long[threads];
            appendAll(journal, warmup, new long[threads][warmupPerThread], receptionSeqs);
            long[][] latencies = new long[threads][perThread];
            long nanos = appendAll(journal, work, latencies, receptionSeqs);
            long[] all = new long[threads * perThread];
            for (int t = 0; t < threads; t++) {
                System.arraycopy(latencies[t], 0, all, t * perThread, perThread);
            }
            Latencies l = Latencies.of(all, all.length);
            double seconds = nanos / 1e9;
            return new Result(all.length, seconds, all.length / seconds, l.percentileMs(50), l.percentileMs(99),
                    l.percentileMs(100));
        }
    }

    private static List<Event> contents(EventMix mix, int count) {
        List<Event> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(mix.next());
        }
        return out;
    }

    /** Appends each thread's list on its own thread, all starting together; returns the wall time taken. */
    private static long appendAll(Journal journal, List<List<Event>> work, long[][] latencies, long[] receptionSeqs)
            throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < work.size(); t++) {
            List<Event> events = work.get(t);
            long[] lat = latencies[t];
            int thisThread = t;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    long receptionSeq = receptionSeqs[thisThread];
                    for (int i = 0; i < events.size(); i++) {
                        Event e = EventMix.content(events.get(i));
                        if (e.hasTransactionCodeCreated()) {
                            // The code belongs to this thread's last reception, whose seq the journal assigned.
                            e = e.toBuilder().setTransactionCodeCreated(e.getTransactionCodeCreated().toBuilder()
                                    .setReceptionSeq(receptionSeq)).build();
                        }
                        long t0 = System.nanoTime();
                        long seq = journal.append(e);
                        lat[i] = System.nanoTime() - t0;
                        if (e.hasReception()) {
                            receptionSeq = seq;
                        }
                    }
                    receptionSeqs[thisThread] = receptionSeq;
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "appender-" + t);
            thread.start();
            threads.add(thread);
        }
        long t0 = System.nanoTime();
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        long elapsed = System.nanoTime() - t0;
        if (failure.get() != null) {
            throw new IllegalStateException("an append failed: " + failure.get(), failure.get());
        }
        return elapsed;
    }
}
