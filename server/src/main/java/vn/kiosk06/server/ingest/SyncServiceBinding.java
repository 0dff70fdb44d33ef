package vn.kiosk06.server.ingest;

import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import vn.kiosk06.server.metrics.IngestMetrics;

/**
 * Binds {@link SyncEndpoint} so that its requests are parsed inside the interceptors rather than by grpc-java
 * itself: grpc-java answers a request that is not a valid protobuf with {@code UNKNOWN: Application error processing
 * RPC}, which tells a device nothing; parsed below {@link IngestErrorInterceptor}, it becomes INVALID_ARGUMENT
 * naming the problem (see {@code IngestErrorInterceptor#toStatus}). The service's name and schema (for reflection)
 * stay the same.
 */
@Factory
final class SyncServiceBinding {

    @Singleton
    ServerServiceDefinition syncService(IngestService ingest, Clock clock, IngestMetrics metrics, DeviceGate gate) {
        return ServerInterceptors.useInputStreamMessages(new SyncEndpoint(ingest, clock, metrics, gate).bindService());
    }
}
