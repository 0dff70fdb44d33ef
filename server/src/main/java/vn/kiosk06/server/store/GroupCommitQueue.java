package vn.kiosk06.server.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import vn.kiosk06.server.db.StoreException;

/**
 * Group commit for one writer thread: callers {@link #submit} work and wait; the writer {@link #serve}s it in rounds
 * of everything waiting when it is free (up to an event budget), so one transaction — one fsync — covers many
 * callers. Both stores use it. Thread-safe.
 *
 * @param <T> what a caller hands the writer (a batch, and whatever else its store needs)
 */
final class GroupCommitQueue<T> {

    /** One caller's work and the future its writer completes. */
    record Waiting<T>(T work, CompletableFuture<IngestOutcome> done) {
    }

    private final String store;
    private final BlockingQueue<Waiting<T>> queue;
    private final int maxEventsPerRound;
    private final ToIntFunction<T> eventsOf;
    private final Duration callerWait;
    private volatile boolean closed;

    /**
     * @param store             the store's name for error messages ("store data/events.db")
     * @param maxEventsPerRound a round takes more work only while it holds fewer events than this
     * @param callerWait        how long a caller waits for its round before it gets an error
     */
    GroupCommitQueue(String store, int capacity, int maxEventsPerRound, ToIntFunction<T> eventsOf, Duration callerWait) {
        this.store = store;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.maxEventsPerRound = maxEventsPerRound;
        this.eventsOf = eventsOf;
        this.callerWait = callerWait;
    }

    /** Hands {@code work} to the writer and returns its outcome once its round committed. */
    IngestOutcome submit(T work) {
        if (closed) {
            throw new StoreException(store + " is closed", null);
        }
        Waiting<T> waiting = new Waiting<>(work, new CompletableFuture<>());
        try {
            queue.put(waiting);
            if (closed && queue.remove(waiting)) {
                throw new StoreException(store + " is closed", null);
            }
            return waiting.done().get(callerWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the store", e);
        } catch (TimeoutException e) {
            // The round may still commit later; the device resends and the batch is stored once either way.
            throw new StoreException(store + ": no commit within " + callerWait.toSeconds()
                    + " s; the batch may or may not be stored, send it again", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StoreException se ? se
                    : new StoreException(store + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Hands {@code work} to the writer without waiting for its round: bookkeeping no caller needs confirmed (a
     * handshake's "last seen"), which must not make its caller wait behind every batch queued before it. Rounds keep
     * queue order, so a batch the same device sends later still lands after it. {@code onFailure} hears of a failed round.
     */
    void enqueue(T work, Consumer<Throwable> onFailure) {
        if (closed) {
            throw new StoreException(store + " is closed", null);
        }
        Waiting<T> waiting = new Waiting<>(work, new CompletableFuture<>());
        waiting.done().whenComplete((outcome, failure) -> {
            if (failure != null) {
                onFailure.accept(failure);
            }
        });
        try {
            queue.put(waiting);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while queueing for the store", e);
        }
    }

    /**
     * The writer's loop: hands {@code commit} each round until the queue is closed and empty. {@code commit} must
     * complete every future of its round, normally or exceptionally.
     */
    void serve(Consumer<List<Waiting<T>>> commit) {
        List<Waiting<T>> round = new ArrayList<>();
        try {
            while (!closed || !queue.isEmpty()) {
                Waiting<T> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                round.add(first);
                int events = eventsOf.applyAsInt(first.work());
                Waiting<T> next;
                while (events < maxEventsPerRound && (next = queue.poll()) != null) {
                    round.add(next);
                    events += eventsOf.applyAsInt(next.work());
                }
                commit.accept(round);
                round.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops taking work; the writer finishes what is queued, then {@link #serve} returns. */
    void close() {
        closed = true;
    }

    boolean closed() {
        return closed;
    }

    /** Fails whatever is still queued (the writer is gone): its callers get an error instead of waiting. */
    void failRemaining() {
        StoreException failure = new StoreException(store + " closed before the batch was committed; send it again",
                null);
        Waiting<T> w;
        while ((w = queue.poll()) != null) {
            w.done().completeExceptionally(failure);
        }
    }

    /** Completes each caller of {@code round} with its outcome (same order). */
    static <T> void complete(List<Waiting<T>> round, List<IngestOutcome> outcomes) {
        for (int i = 0; i < round.size(); i++) {
            round.get(i).done().complete(outcomes.get(i));
        }
    }

    /** Fails every caller of {@code round} with {@code failure}. */
    static <T> void fail(List<Waiting<T>> round, StoreException failure) {
        round.forEach(w -> w.done().completeExceptionally(failure));
    }
}
