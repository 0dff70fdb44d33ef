package vn.kiosk06.server.main;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import vn.kiosk06.proto.sync.v1.EnrollmentServiceGrpc;
import vn.kiosk06.proto.sync.v1.SyncServiceGrpc;

/**
 * Makes the standard gRPC health service answer for each of our services by name, not only for the server as a
 * whole (""): a load balancer or a third-party client checks {@code kiosk06.sync.v1.SyncService} the way the
 * health protocol says, and an unknown name would get NOT_FOUND. Set once at start; the health service itself is
 * micronaut-grpc's ({@code grpc.server.health.enabled}).
 */
@Context
@Requires(beans = HealthStatusManager.class)
final class GrpcHealth {

    GrpcHealth(HealthStatusManager health) {
        health.setStatus(SyncServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
        health.setStatus(EnrollmentServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
    }
}
