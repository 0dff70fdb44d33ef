package vn.kiosk06.server.ingest;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import com.google.protobuf.InvalidProtocolBufferException;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kiosk06.server.logging.ErrorId;
import vn.kiosk06.server.db.StoreException;

/**
 * The one place where domain errors become gRPC statuses, with a description that names the problem and never a
 * stack trace: a refused request is INVALID_ARGUMENT, RESOURCE_EXHAUSTED or PERMISSION_DENIED, a store failure UNAVAILABLE (the device
 * retries; nothing was acked), anything else INTERNAL. A failure the device cannot fix carries an {@link ErrorId} that
 * the log line with the stack trace carries too, never the exception's message (class names, file paths).
 */
@Singleton
final class IngestErrorInterceptor implements ServerInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(IngestErrorInterceptor.class);

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        AtomicBoolean closed = new AtomicBoolean();
        ServerCall.Listener<Q> delegate;
        try {
            delegate = next.startCall(call, headers);
        } catch (RuntimeException e) {
            close(call, closed, e);
            return new ServerCall.Listener<>() {
            };
        }
        return new SimpleForwardingServerCallListener<>(delegate) {
            @Override
            public void onMessage(Q message) {
                if (closed.get()) {
                    return;
                }
                try {
                    super.onMessage(message);
                } catch (RuntimeException e) {
                    close(call, closed, e);
                }
            }

            @Override
            public void onHalfClose() {
                if (closed.get()) {
                    return;
                }
                try {
                    super.onHalfClose();
                } catch (RuntimeException e) {
                    close(call, closed, e);
                }
            }
        };
    }

    private static void close(ServerCall<?, ?> call, AtomicBoolean closed, RuntimeException e) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        call.close(toStatus(call.getMethodDescriptor().getFullMethodName(), e), new Metadata());
    }

    private static String requestType(String method) {
        return method.endsWith("/Upload") ? "EventBatch" : method.endsWith("/Handshake") ? "HandshakeRequest" : "request";
    }

    static Status toStatus(String method, RuntimeException e) {
        if (e instanceof IngestRejectedException r) {
            LOG.info("Refused {}: {}", method, r.getMessage());
            Status status = switch (r.reason()) {
                case TOO_LARGE, RATE_LIMITED -> Status.RESOURCE_EXHAUSTED;
                case FORBIDDEN -> Status.PERMISSION_DENIED;
                case INVALID -> Status.INVALID_ARGUMENT;
            };
            return status.withDescription(r.getMessage());
        }
        if (e instanceof StatusRuntimeException s) {
            // A status gRPC (or our own code) raised while the request was read or handled: the marshaller's
            // INTERNAL for bytes that are not the message, RESOURCE_EXHAUSTED for a message that inflates past the
            // size limit, … Each is the sender's problem and says so; only a bare INTERNAL/UNKNOWN is ours.
            if (s.getStatus().getCause() instanceof InvalidProtocolBufferException bad) {
                LOG.info("Refused {}: request is not a valid message ({})", method, bad.getMessage());
                return Status.INVALID_ARGUMENT.withDescription("the request is not a valid " + requestType(method)
                        + " message: " + bad.getMessage());
            }
            Status.Code code = s.getStatus().getCode();
            if (code != Status.Code.INTERNAL && code != Status.Code.UNKNOWN) {
                LOG.info("Refused {}: {} {}", method, code, s.getStatus().getDescription());
                return Status.fromCode(code).withDescription(s.getStatus().getDescription());
            }
        }
        ErrorId id = ErrorId.next();
        if (e instanceof StoreException) {
            LOG.error("Store failure {} in {}", id, method, e);
            return Status.UNAVAILABLE.withDescription("the server could not commit; nothing was acked, retry later ("
                    + id.answer() + ")");
        }
        LOG.error("Internal error {} in {}", id, method, e);
        return Status.INTERNAL.withDescription(id.answer());
    }
}
