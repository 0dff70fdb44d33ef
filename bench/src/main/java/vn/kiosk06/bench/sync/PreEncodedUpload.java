package vn.kiosk06.bench.sync;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Compressor;
import io.grpc.CompressorRegistry;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;
import vn.kiosk06.proto.sync.v1.Ack;
import vn.kiosk06.proto.sync.v1.EventBatch;
import vn.kiosk06.proto.sync.v1.SyncServiceGrpc;

/**
 * The Upload rpc with batches serialised and gzip-compressed before the clock starts, as the raw insert's rows are
 * built before its clock: the ingest figure is then the server's work (gRPC framing, inflating, parsing, checking,
 * storing), not the bench devices' — which on a real fleet run on the devices' own CPUs, but here would take a share
 * of the same two cores. The server receives exactly what a device's gzip call sends ({@code grpc-encoding: gzip},
 * compressed frames); only the sending side skips work already done.
 */
final class PreEncodedUpload {

    /** Upload, sending bytes that are already a gzip-compressed {@code EventBatch}. */
    static final MethodDescriptor<byte[], Ack> METHOD = SyncServiceGrpc.getUploadMethod()
            .toBuilder(new Bytes(), ProtoUtils.marshaller(Ack.getDefaultInstance())).build();

    /** A channel's compressors with "gzip" passing bytes through: they were compressed by {@link #encode}. */
    static final CompressorRegistry ALREADY_GZIPPED = alreadyGzipped();

    private PreEncodedUpload() {
    }

    /** The batch as a device's gzip call puts it in a frame. */
    static byte[] encode(EventBatch batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(batch.getSerializedSize() / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            batch.writeTo(gzip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static ClientCall<byte[], Ack> newCall(Channel channel, CallOptions options) {
        return channel.newCall(METHOD, options.withCompression("gzip"));
    }

    private static CompressorRegistry alreadyGzipped() {
        CompressorRegistry registry = CompressorRegistry.newEmptyInstance();
        registry.register(new Compressor() {
            @Override
            public String getMessageEncoding() {
                return "gzip";
            }

            @Override
            public OutputStream compress(OutputStream os) {
                return os;
            }
        });
        return registry;
    }

    private static final class Bytes implements MethodDescriptor.Marshaller<byte[]> {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            throw new UnsupportedOperationException("the bench only sends pre-encoded batches");
        }
    }
}
