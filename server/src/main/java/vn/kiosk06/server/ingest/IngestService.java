package vn.kiosk06.server.ingest;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.kiosk06.proto.sync.v1.Ack;
import vn.kiosk06.proto.sync.v1.ClockSample;
import vn.kiosk06.proto.sync.v1.Department;
import vn.kiosk06.proto.sync.v1.DeviceConfig;
import vn.kiosk06.server.enroll.DeviceRegistry;
import vn.kiosk06.server.enroll.RegisteredDevice;
import vn.kiosk06.server.orgunit.OrgUnit;
import vn.kiosk06.server.orgunit.OrgUnitDirectory;
import vn.kiosk06.server.salvage.JournalSalvages;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.EventBatch;
import vn.kiosk06.proto.sync.v1.HandshakeRequest;
import vn.kiosk06.proto.sync.v1.HandshakeResponse;
import vn.kiosk06.proto.sync.v1.Rejection;
import vn.kiosk06.proto.sync.v1.SeqRange;
import vn.kiosk06.server.ServerConfig;
import vn.kiosk06.server.seal.SealedIdOpening;
import vn.kiosk06.server.seal.SealingKeyRing;
import vn.kiosk06.server.store.ClockMeasurementRow;
import vn.kiosk06.server.store.DeviceSummary;
import vn.kiosk06.server.report.rollup.EventFacts;
import vn.kiosk06.server.store.EventStore;
import vn.kiosk06.server.store.IncomingEvent;
import vn.kiosk06.server.store.IngestBatch;
import vn.kiosk06.server.store.IngestOutcome;
import vn.kiosk06.server.store.QuarantinedEvent;
import vn.kiosk06.wire.EventChain;
import com.google.protobuf.ByteString;
import vn.kiosk06.server.enroll.AuthenticatedDevice;
import vn.kiosk06.wire.ChainKey;
import vn.kiosk06.wire.EventRules;

/**
 * Takes devices' handshakes and batches: checks each event against {@link EventRules}, stores the good ones
 * exactly once and quarantines the bad ones with their reasons — so one poison event never blocks a device —
 * and answers with the device's watermark once the batch is durable. Thread-safe.
 */
@Singleton
public final class IngestService {

    /** Most events in one batch; a larger batch is refused whole. */
    public static final int MAX_EVENTS_PER_BATCH = 5_000;
    private static final int MAX_CLOCK_SAMPLES = 64;

    private final EventStore store;
    private final Clock clock;
    private final DeviceConfig deviceConfig;
    private final OrgUnitDirectory units;
    private final DeviceRegistry registry;
    private final JournalSalvages salvages;
    private final SealedIdOpening sealedIds;

    public IngestService(EventStore store, Clock clock, ServerConfig config, OrgUnitDirectory units,
                         DeviceRegistry registry, JournalSalvages salvages, SealingKeyRing sealingKeys,
                         SealedIdOpening sealedIds) {
        this.salvages = salvages;
        this.store = store;
        this.clock = clock;
        this.deviceConfig = deviceConfig(config).toBuilder().setSealingKey(sealingKeys.current()).build();
        this.units = units;
        this.registry = registry;
        this.sealedIds = sealedIds;
    }

    /**
     * The org unit a device is placed in: its parent in the org-unit tree (where an admin put it), else the unit it
     * was registered for at enrollment, else empty (a device that synced in development mode and was never placed).
     */
    private String orgUnitOf(String deviceId) {
        return units.tree().find(deviceId).flatMap(OrgUnit::parent)
                .or(() -> registry.find(deviceId).map(RegisteredDevice::unitCode))
                .orElse("");
    }

    /** Answers a handshake received at server time {@code receivedMs} (NTP t1); the caller stamps t2. */
    public HandshakeResponse handshake(HandshakeRequest request, long receivedMs) {
        checkDeviceId(request.getDeviceId());
        store.touchDevice(request.getDeviceId(), request.getAppVersion(), receivedMs);
        Optional<DeviceSummary> device = store.device(request.getDeviceId());
        HandshakeResponse.Builder response = HandshakeResponse.newBuilder()
                .setServerReceiveTimeMs(receivedMs)
                .setWatermark(device.map(DeviceSummary::watermark).orElse(0L))
                .setConfig(deviceConfig.toBuilder().setOrgUnit(orgUnitOf(request.getDeviceId())));
        device.ifPresent(d -> d.missing().forEach(r ->
                response.addMissing(SeqRange.newBuilder().setFirst(r.first()).setLast(r.last()))));
        long highest = device.map(DeviceSummary::maxSeq).orElse(0L);
        response.setHighestSeq(highest);
        long unconfirmedFrom = request.getUnconfirmedFrom();
        if (unconfirmedFrom > 0 && highest >= unconfirmedFrom) {
            // A salvaged journal numbered events the server already holds: they will follow this one, chained to it.
            store.events(request.getDeviceId(), highest - 1, 1).stream().filter(e -> e.seq() == highest).findFirst()
                    .ifPresent(e -> response.setHighestHash(journaledDigest(e.body())));
        }
        return response.build();
    }

    /**
     * The digest a keyed or plain link to this stored event covers: of the bytes the device journaled (the device
     * computes the link from it with its own chain key).
     */
    private static ByteString journaledDigest(byte[] storedBody) {
        EventChain chain = new EventChain();
        try {
            return chain.journaledHash(Event.parseFrom(storedBody), storedBody);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return chain.hash(storedBody);
        }
    }

    /**
     * The key of a batch whose left-out links are keyed: from the secret the call authenticated with, else (an
     * --insecure server, which checks no credential) from the registry.
     *
     * @throws IngestRejectedException INVALID when the device has no credential here, so its links cannot be restored
     */
    private ChainKey chainKey(String deviceId) {
        return AuthenticatedDevice.chainKey().or(() -> registry.chainKey(deviceId)).orElseThrow(() ->
                new IngestRejectedException(IngestRejectedException.Reason.INVALID, "the batch of device '" + deviceId
                        + "' has a keyed hash chain (chain_keyed) but the device is not enrolled on this server, so "
                        + "its links cannot be checked; enroll it here (./kiosk06 client enroll --code CODE)"));
    }

    /**
     * Stores one batch of the device {@code streamDeviceId} (the device the upload stream belongs to, or empty
     * for the first batch of a stream) and returns its ack.
     *
     * @throws IngestRejectedException when the batch as a whole is unacceptable; nothing of it is stored
     */
    public Ack ingest(String streamDeviceId, EventBatch batch) {
        checkDeviceId(batch.getDeviceId());
        if (!streamDeviceId.isEmpty() && !streamDeviceId.equals(batch.getDeviceId())) {
            throw new IngestRejectedException(IngestRejectedException.Reason.INVALID, "this upload stream belongs to device '"
                    + streamDeviceId + "' but the batch names device '" + batch.getDeviceId() + "'");
        }
        if (batch.getEventsCount() > MAX_EVENTS_PER_BATCH) {
            throw new IngestRejectedException(IngestRejectedException.Reason.TOO_LARGE, "batch has "
                    + batch.getEventsCount() + " events; at most " + MAX_EVENTS_PER_BATCH + " per batch");
        }
        if (batch.getClockSamplesCount() > MAX_CLOCK_SAMPLES) {
            throw new IngestRejectedException(IngestRejectedException.Reason.TOO_LARGE, "batch has "
                    + batch.getClockSamplesCount() + " clock samples; at most " + MAX_CLOCK_SAMPLES);
        }
        List<IncomingEvent> good = new ArrayList<>(batch.getEventsCount());
        List<QuarantinedEvent> bad = new ArrayList<>();
        List<Event> salvageRecords = new ArrayList<>();
        long lastSeq = 0;
        EventChain chain = batch.getChainKeyed() ? new EventChain(Optional.of(chainKey(batch.getDeviceId())))
                : new EventChain();
        Event previous = null;
        byte[] previousBody = null;
        for (int i = 0; i < batch.getEventsCount(); i++) {
            // Stored as the device journaled it: with the prev_hash it left out on the wire (see EventChain).
            Event journaled = chain.restore(batch.getEvents(i), previous, previousBody);
            byte[] journaledBody = journaled.toByteArray();
            previous = journaled;
            previousBody = journaledBody;
            // Before anything is stored: a sealed citizen id becomes the keyed hash, and its ciphertext is dropped.
            SealedIdOpening.Opened opened = sealedIds.open(journaled, journaledBody);
            Event e = opened.event();
            byte[] body = e == journaled ? journaledBody : e.toByteArray();
            // Without a valid seq an event has no identity to quarantine it under: refuse the batch instead.
            if (e.getSeq() < 1) {
                throw new IngestRejectedException(IngestRejectedException.Reason.INVALID, "event #" + (i + 1)
                        + " of the batch has seq " + Long.toUnsignedString(e.getSeq()) + "; seq must be 1.." + Long.MAX_VALUE);
            }
            lastSeq = Math.max(lastSeq, e.getSeq());
            Optional<String> problem = opened.problem().or(() -> EventRules.check(e));
            if (problem.isPresent()) {
                bad.add(new QuarantinedEvent(e.getSeq(), problem.get(), body));
            } else {
                good.add(new IncomingEvent(e.getSeq(), e.getPayloadCase().getNumber(), e.getWallTimeMs(),
                        e.getBootId().toByteArray(), e.getMonotonicNanos(), body, EventFacts.of(e)));
                if (e.hasJournalSalvaged()) {
                    salvageRecords.add(e);
                }
            }
        }
        List<ClockMeasurementRow> samples = new ArrayList<>(batch.getClockSamplesCount());
        for (ClockSample s : batch.getClockSamplesList()) {
            if (s.getBootId().size() == EventRules.BOOT_ID_BYTES) {
                samples.add(new ClockMeasurementRow(s.getBootId().toByteArray(), s.getMonotonicNanos(),
                        s.getDeviceSendTimeMs(), s.getServerReceiveTimeMs(), s.getServerTransmitTimeMs(),
                        s.getDeviceReceiveTimeMs(), s.getOsClockSynchronized()));
            }
        }
        IngestOutcome outcome = store.ingest(new IngestBatch(batch.getDeviceId(), good, bad, samples, clock.millis()));
        // Before the ack: a crash in between makes the device send the batch again, and this write is idempotent.
        salvages.record(batch.getDeviceId(), salvageRecords, clock.millis());
        Ack.Builder ack = Ack.newBuilder()
                .setWatermark(outcome.watermark())
                .setBatchLastSeq(lastSeq)
                .setStored(outcome.stored())
                .setDuplicates(outcome.duplicates());
        bad.forEach(q -> ack.addRejected(Rejection.newBuilder().setSeq(q.seq()).setReason(q.reason())));
        return ack.build();
    }

    private static void checkDeviceId(String deviceId) {
        EventRules.checkDeviceId(deviceId).ifPresent(problem -> {
            throw new IngestRejectedException(IngestRejectedException.Reason.INVALID, problem);
        });
    }

    private static DeviceConfig deviceConfig(ServerConfig config) {
        DeviceConfig.Builder b = DeviceConfig.newBuilder()
                .setFacilityName(config.facilityName())
                .setFeeVnd(config.feeVnd());
        for (String d : config.departments()) {
            int colon = d.indexOf(':');
            if (colon < 1 || colon == d.length() - 1) {
                throw new IllegalArgumentException("kiosk06.server.departments entries must be CODE:Name, was '" + d + "'");
            }
            // "NOI: Khám Nội | Phòng 105, tầng 1": the part after '|' is where the ticket sends the patient.
            String rest = d.substring(colon + 1);
            int bar = rest.indexOf('|');
            b.addDepartments(Department.newBuilder().setCode(d.substring(0, colon).trim())
                    .setName((bar < 0 ? rest : rest.substring(0, bar)).trim())
                    .setLocation(bar < 0 ? "" : rest.substring(bar + 1).trim()));
        }
        return b.build();
    }
}
