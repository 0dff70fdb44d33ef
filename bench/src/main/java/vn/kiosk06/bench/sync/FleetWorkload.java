package vn.kiosk06.bench.sync;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.kiosk06.bench.workload.EventMix;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.EventBatch;
import vn.kiosk06.proto.sync.v1.SealingKey;

/**
 * Several devices' backlogs, cut into the batches their sync workers would send: the same rows feed the gRPC
 * ingest run and the raw-insert run. Three kiosks to every field device. Each event carries its prev_hash (SHA-256
 * of the previous event's bytes) as a device journal writes it, so the rows are as large as real ones.
 *
 * @param deviceIds one id per device
 * @param batches   per device, its batches in seq order
 */
record FleetWorkload(List<String> deviceIds, List<List<EventBatch>> batches) {

    static FleetWorkload build(String prefix, int devices, long totalEvents, int batchEvents, long seed) {
        return build(prefix, devices, totalEvents, batchEvents, seed, Optional.empty());
    }

    /** As above, with citizens sealed to {@code sealTo} as devices seal them. */
    static FleetWorkload build(String prefix, int devices, long totalEvents, int batchEvents, long seed,
                               Optional<SealingKey> sealTo) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
        List<String> ids = new ArrayList<>();
        List<List<EventBatch>> all = new ArrayList<>();
        long perDevice = Math.max(1, totalEvents / devices);
        for (int d = 0; d < devices; d++) {
            boolean field = d % 4 == 3;
            String id = String.format("%s-%s-%02d", prefix, field ? "field" : "kiosk", d + 1);
            EventMix mix = new EventMix(field ? EventMix.Profile.FIELD : EventMix.Profile.KIOSK,
                    String.format("PQ%02d", d + 1), seed + d, LocalDate.of(2025, 6, 2), sealTo);
            List<EventBatch> batches = new ArrayList<>();
            ByteString prev = ByteString.copyFrom(new byte[32]);
            for (long sent = 0; sent < perDevice; ) {
                int n = (int) Math.min(batchEvents, perDevice - sent);
                EventBatch.Builder b = EventBatch.newBuilder().setDeviceId(id);
                for (int i = 0; i < n; i++) {
                    Event e = mix.next().toBuilder().setPrevHash(prev).build();
                    prev = ByteString.copyFrom(sha256.digest(e.toByteArray()));
                    b.addEvents(e);
                }
                batches.add(b.build());
                sent += n;
            }
            ids.add(id);
            all.add(batches);
        }
        return new FleetWorkload(List.copyOf(ids), List.copyOf(all));
    }

    long events() {
        long n = 0;
        for (List<EventBatch> device : batches) {
            for (EventBatch b : device) {
                n += b.getEventsCount();
            }
        }
        return n;
    }

    /** The batches interleaved across devices (first batch of each, then the second…), as the server sees them. */
    List<EventBatch> interleaved() {
        List<EventBatch> out = new ArrayList<>();
        for (int i = 0; ; i++) {
            boolean any = false;
            for (List<EventBatch> device : batches) {
                if (i < device.size()) {
                    out.add(device.get(i));
                    any = true;
                }
            }
            if (!any) {
                return out;
            }
        }
    }
}
