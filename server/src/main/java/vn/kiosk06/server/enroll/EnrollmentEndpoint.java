package vn.kiosk06.server.enroll;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import vn.kiosk06.proto.sync.v1.EnrollRequest;
import vn.kiosk06.proto.sync.v1.EnrollResponse;
import vn.kiosk06.proto.sync.v1.EnrollmentServiceGrpc;
import vn.kiosk06.server.store.StoreException;

/** The gRPC edge of enrollment: a code in, the device's credential and the citizen key out. */
@Singleton
final class EnrollmentEndpoint extends EnrollmentServiceGrpc.EnrollmentServiceImplBase {

    private final DeviceRegistry registry;
    private final byte[] citizenKey;

    EnrollmentEndpoint(DeviceRegistry registry, @Named("citizen-key") byte[] citizenKey) {
        this.registry = registry;
        this.citizenKey = citizenKey;
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
                .setCitizenKey(ByteString.copyFrom(citizenKey))
                .setOrgUnit(e.unitCode())
                .build());
        responses.onCompleted();
    }
}
