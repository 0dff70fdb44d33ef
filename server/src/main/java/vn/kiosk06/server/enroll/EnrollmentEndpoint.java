package vn.kiosk06.server.enroll;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;
import vn.kiosk06.proto.sync.v1.EnrollRequest;
import vn.kiosk06.proto.sync.v1.EnrollResponse;
import vn.kiosk06.proto.sync.v1.EnrollmentServiceGrpc;
import vn.kiosk06.server.seal.SealingKeyRing;
import vn.kiosk06.server.db.StoreException;

/**
 * The gRPC edge of enrollment: a code in, the device's credential and the server's public key for sealing citizen
 * ids out. Never the citizen key: it stays on the server.
 */
@Singleton
final class EnrollmentEndpoint extends EnrollmentServiceGrpc.EnrollmentServiceImplBase {

    private final DeviceRegistry registry;
    private final SealingKeyRing sealingKeys;

    EnrollmentEndpoint(DeviceRegistry registry, SealingKeyRing sealingKeys) {
        this.registry = registry;
        this.sealingKeys = sealingKeys;
    }

    @Override
    public void enroll(EnrollRequest request, StreamObserver<EnrollResponse> responses) {
        Enrollment e;
        try {
            e = registry.enroll(request.getCode());
        } catch (EnrollmentException ex) {
            responses.onError(Status.PERMISSION_DENIED.withDescription(ex.getMessage()).asRuntimeException());
            return;
        } catch (StoreException ex) {
            responses.onError(Status.UNAVAILABLE.withDescription("the server cannot enroll now; retry later").asRuntimeException());
            return;
        }
        responses.onNext(EnrollResponse.newBuilder()
                .setDeviceId(e.deviceId())
                .setDeviceSecret(e.deviceSecret())
                .setSealingKey(sealingKeys.current())
                .setOrgUnit(e.unitCode())
                .build());
        responses.onCompleted();
    }
}
