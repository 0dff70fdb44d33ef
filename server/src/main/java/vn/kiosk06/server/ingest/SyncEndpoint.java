package vn.kiosk06.server.ingest;

import io.grpc.stub.StreamObserver;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kiosk06.proto.sync.v1.Ack;
import vn.kiosk06.proto.sync.v1.EventBatch;
import vn.kiosk06.proto.sync.v1.HandshakeRequest;
import vn.kiosk06.proto.sync.v1.HandshakeResponse;
import vn.kiosk06.proto.sync.v1.SyncServiceGrpc;
import vn.kiosk06.server.metrics.IngestMetrics;

/**
 * The gRPC edge of ingest: maps calls to {@link IngestService}. Errors thrown here are turned into statuses by
 * {@link IngestErrorInterceptor}. Bound by {@link SyncServiceBinding}, not as a bean of its own.
 */
final class SyncEndpoint extends SyncServiceGrpc.SyncServiceImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(SyncEndpoint.class);

    private final IngestService ingest;
    private final Clock clock;
    private final IngestMetrics metrics;
    private final DeviceGate gate;

    SyncEndpoint(IngestService ingest, Clock clock, IngestMetrics metrics, DeviceGate gate) {
        this.ingest = ingest;
        this.gate = gate;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void handshake(HandshakeRequest request, StreamObserver<HandshakeResponse> responses) {
        long t1 = clock.millis();
        gate.admit(request.getDeviceId());
        HandshakeResponse response = ingest.handshake(request, t1);
        metrics.handshake(request.getDeviceId(), request.getLastSeq());
        responses.onNext(response.toBuilder().setServerTransmitTimeMs(clock.millis()).build());
        responses.onCompleted();
    }

    @Override
    public StreamObserver<EventBatch> upload(StreamObserver<Ack> acks) {
        DeviceGate.UploadAdmission admission = gate.openUpload();
        return new StreamObserver<>() {
            private String deviceId = "";

            @Override
            public void onNext(EventBatch batch) {
                admission.admit(batch.getDeviceId());
                Ack ack = ingest.ingest(deviceId, batch);
                deviceId = batch.getDeviceId();
                metrics.acked(deviceId, ack.getStored(), ack.getRejectedCount(), ack.getBatchLastSeq());
                acks.onNext(ack);
            }

            @Override
            public void onError(Throwable t) {
                LOG.debug("Upload from '{}' ended by the device: {}", deviceId, t.toString());
            }

            @Override
            public void onCompleted() {
                acks.onCompleted();
            }
        };
    }
}
