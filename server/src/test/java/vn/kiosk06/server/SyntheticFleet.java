package vn.kiosk06.server;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import vn.kiosk06.proto.sync.v1.Ack;
import vn.kiosk06.proto.sync.v1.ClockSample;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.EventBatch;
import vn.kiosk06.proto.sync.v1.SyncServiceGrpc;

/**
 * Devices whose clocks are right, for report tests: each local day is one boot (switched on at 07:00) with one
 * clock measurement at boot, so every event's corrected time is its true time (to a few ms). Events are given by
 * true instant and payload; {@link #upload} sends each device's journal over real gRPC, oldest first. Boots
 * flagged {@code unmeasured} carry no measurement, so their events' time is unknown.
 */
public final class SyntheticFleet {

    private static final ZoneId HCM = ZoneId.of("Asia/Ho_Chi_Minh");

    private record Boot(String device, LocalDate day) {
    }

    private final Map<String, List<Event>> journals = new LinkedHashMap<>();
    private final Map<Boot, byte[]> bootIds = new HashMap<>();
    private final Map<String, List<ClockSample>> pendingSamples = new HashMap<>();

    /** Appends an event of {@code device} at true time {@code at}; {@code payload} sets the payload on the builder. */
    public Event add(String device, Instant at, java.util.function.Consumer<Event.Builder> payload, boolean measured) {
        LocalDate day = LocalDate.ofInstant(at, HCM);
        Instant bootStart = day.atTime(7, 0).atZone(HCM).toInstant();
        if (at.isBefore(bootStart)) {
            throw new IllegalArgumentException("events start at 07:00, was " + at);
        }
        Boot key = new Boot(device, day);
        byte[] boot = bootIds.computeIfAbsent(key, k -> {
            byte[] b = ByteBuffer.allocate(16).putLong(device.hashCode()).putLong(day.toEpochDay()).array();
            b[0] |= 1; // never all zeros
            if (measured) {
                measuredBoots.add(ByteBuffer.wrap(b));
                long t0 = bootStart.toEpochMilli();
                pendingSamples.computeIfAbsent(device, d -> new ArrayList<>()).add(ClockSample.newBuilder()
                        .setBootId(ByteString.copyFrom(b)).setMonotonicNanos(0).setDeviceSendTimeMs(t0)
                        .setServerReceiveTimeMs(t0 + 40).setServerTransmitTimeMs(t0 + 45).setDeviceReceiveTimeMs(t0 + 90)
                        .build());
            }
            return b;
        });
        List<Event> journal = journals.computeIfAbsent(device, d -> new ArrayList<>());
        Event.Builder e = Event.newBuilder().setSeq(journal.size() + 1).setSchemaVersion(1)
                .setWallTimeMs(at.toEpochMilli()).setBootId(ByteString.copyFrom(boot))
                .setMonotonicNanos((at.toEpochMilli() - bootStart.toEpochMilli()) * 1_000_000L);
        payload.accept(e);
        Event built = e.build();
        journal.add(built);
        return built;
    }

    /** Whether {@code device}'s boot of {@code day} carries a clock measurement (events then have a known time). */
    public boolean measured(String device, LocalDate day) {
        byte[] boot = bootIds.get(new Boot(device, day));
        return boot != null && measuredBoots.contains(ByteBuffer.wrap(boot));
    }

    private final java.util.Set<ByteBuffer> measuredBoots = new java.util.HashSet<>();

    /** Uploads every device's events not uploaded yet, with the clock samples taken since the last upload. */
    public void upload(RunningServer server) {
        for (Map.Entry<String, List<Event>> j : journals.entrySet()) {
            List<Event> events = j.getValue();
            List<EventBatch> batches = new ArrayList<>();
            List<ClockSample> samples = pendingSamples.getOrDefault(j.getKey(), new ArrayList<>());
            int from = uploaded.getOrDefault(j.getKey(), 0);
            // Samples first, at most 64 a batch, then the events 2,000 at a time.
            for (int s = 0; s < samples.size(); s += 64) {
                batches.add(EventBatch.newBuilder().setDeviceId(j.getKey())
                        .addAllClockSamples(samples.subList(s, Math.min(samples.size(), s + 64))).build());
            }
            for (int i = from; i < events.size(); i += 2000) {
                batches.add(EventBatch.newBuilder().setDeviceId(j.getKey())
                        .addAllEvents(events.subList(i, Math.min(events.size(), i + 2000))).build());
            }
            samples.clear();
            uploaded.put(j.getKey(), events.size());
            if (!batches.isEmpty()) {
                send(server, batches);
            }
        }
    }

    private final Map<String, Integer> uploaded = new HashMap<>();

    /** Uploads only {@code device}'s pending events. */
    public void upload(RunningServer server, String device) {
        Map<String, List<Event>> all = new LinkedHashMap<>(journals);
        journals.keySet().retainAll(List.of(device));
        try {
            upload(server);
        } finally {
            journals.clear();
            journals.putAll(all);
        }
    }

    private static void send(RunningServer server, List<EventBatch> batches) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        StreamObserver<EventBatch> requests = SyncServiceGrpc.newStub(server.channel())
                .withDeadlineAfter(60, TimeUnit.SECONDS)
                .upload(new StreamObserver<>() {
                    @Override
                    public void onNext(Ack ack) {
                        if (ack.getRejectedCount() > 0) {
                            done.completeExceptionally(new AssertionError("rejected: " + ack.getRejectedList()));
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        done.complete(null);
                    }
                });
        batches.forEach(requests::onNext);
        requests.onCompleted();
        try {
            done.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("upload failed", e);
        }
    }
}
