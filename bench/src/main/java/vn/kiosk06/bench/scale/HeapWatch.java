package vn.kiosk06.bench.scale;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples a server's heap in use every 200 ms on a thread of its own and keeps the highest value seen: the peak
 * the server needed during the run (to within a sample, between which a young collection may hide a higher one).
 */
final class HeapWatch implements AutoCloseable {

    private final ServerProcess server;
    private final AtomicLong peak = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    HeapWatch(ServerProcess server) {
        this.server = server;
        this.thread = new Thread(this::sample, "heap-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        while (running && server.alive()) {
            try {
                peak.accumulateAndGet(server.heapUsedBytes(), Math::max);
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // JMX hiccup or the server going away: the next sample (if any) tells
            }
        }
    }

    double peakMib() {
        return peak.get() / (1024.0 * 1024.0);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
