package vn.kiosk06.bench.sync;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientStreamTracer;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what a channel's calls send: each outbound message's size as it goes on the wire (after gzip, as
 * grpc-java's {@link ClientStreamTracer#outboundWireSize} reports it) plus gRPC's 5-byte length prefix per message.
 * HTTP/2 frame headers and TCP/IP overhead are not counted. Thread-safe.
 */
final class WireBytesCounter implements ClientInterceptor {

    /** gRPC frames every message with a 1-byte compressed flag and a 4-byte length. */
    private static final int MESSAGE_PREFIX_BYTES = 5;

    private final LongAdder bytes = new LongAdder();
    private final LongAdder messages = new LongAdder();
    private final ClientStreamTracer.Factory factory = new ClientStreamTracer.Factory() {
        @Override
        public ClientStreamTracer newClientStreamTracer(ClientStreamTracer.StreamInfo info, Metadata headers) {
            return new ClientStreamTracer() {
                @Override
                public void outboundMessage(int seqNo) {
                    messages.increment();
                }

                @Override
                public void outboundWireSize(long size) {
                    bytes.add(size);
                }
            };
        }
    };

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return next.newCall(method, options.withStreamTracerFactory(factory));
    }

    /** Bytes sent so far, message prefixes included. */
    long bytesSent() {
        return bytes.sum() + MESSAGE_PREFIX_BYTES * messages.sum();
    }
}
