package vn.kiosk06.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.client.enroll.DeviceCredential;
import vn.kiosk06.client.enroll.Enroller;
import vn.kiosk06.client.enroll.SecureChannels;
import vn.kiosk06.proto.sync.v1.CardRead;
import vn.kiosk06.proto.sync.v1.ClockSample;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.EventBatch;
import vn.kiosk06.proto.sync.v1.FieldAssist;
import vn.kiosk06.proto.sync.v1.HandshakeRequest;
import vn.kiosk06.proto.sync.v1.Payment;
import vn.kiosk06.proto.sync.v1.SyncServiceGrpc;

/**
 * Throws garbage at the real server's gRPC port for a bounded time — random bytes on raw TCP, random bytes as
 * request messages, and random but well-formed protobufs (random field values, giant repeated fields) from an
 * enrolled device — then checks that every refusal had a meaningful status (no UNKNOWN or INTERNAL), that the server
 * still answers health checks and that an honest device still syncs.
 * Duration: {@code -Dkiosk06.fuzz.seconds} (default 10).
 */
class GrpcFuzzTest {

    @TempDir
    Path dir;

    @Test
    void randomBytesAndRandomProtobufs_forABoundedTime_serverStillHealthyAndAGoodDeviceStillSyncs() throws Exception {
        long seconds = Long.getLong("kiosk06.fuzz.seconds", 10);
        long seed = Long.getLong("kiosk06.fuzz.seed", System.nanoTime());
        Random random = new Random(seed);
        try (SecureServer server = new SecureServer(dir)) {
            DeviceCredential good = Enroller.enroll(server.registry().register("kiosk-good", "PQ", Duration.ofHours(1)).code(),
                    server.target(), dir.resolve("good"), "test");
            DeviceCredential fuzzer = Enroller.enroll(server.registry().register("kiosk-fuzz", "PQ", Duration.ofHours(1)).code(),
                    server.target(), dir.resolve("fuzz"), "test");
            ManagedChannel channel = server.channel();
            Map<String, Integer> outcomes = new TreeMap<>();
            try {
                long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
                int round = 0;
                while (System.nanoTime() < end) {
                    String outcome = switch (round++ % 4) {
                        case 0 -> rawBytes(server.grpcPort, random);
                        case 1 -> randomMessageBytes(channel, random, SecureChannels.credential(fuzzer));
                        case 2 -> randomBatches(channel, random, SecureChannels.credential(fuzzer));
                        default -> randomHandshake(channel, random, random.nextBoolean()
                                ? new ClientInterceptor[] {SecureChannels.credential(fuzzer)} : new ClientInterceptor[0]);
                    };
                    outcomes.merge(outcome, 1, Integer::sum);
                }

                assertThat(server.serving()).as("health check after fuzzing (seed " + seed + ", " + outcomes + ")").isTrue();
                assertThat(DeviceWire.upload(channel, List.of(DeviceWire.batch("kiosk-good", 1, 50)),
                        SecureChannels.credential(good))).singleElement()
                        .satisfies(a -> assertThat(a.getWatermark()).isEqualTo(50));
                assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThan(20);
                // Every refusal says what was wrong: no unexplained UNKNOWN or INTERNAL.
                assertThat(outcomes.keySet()).as("outcomes (seed " + seed + ")")
                        .noneMatch(k -> k.endsWith(":UNKNOWN") || k.endsWith(":INTERNAL"));
                System.out.println("fuzz " + seconds + " s, seed " + seed + ": " + outcomes);
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    /** Random bytes straight on the socket (not TLS, not HTTP/2): the server must just drop the connection. */
    private static String rawBytes(int port, Random random) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(2_000);
            byte[] junk = new byte[1 + random.nextInt(random.nextBoolean() ? 64 : 65_536)];
            random.nextBytes(junk);
            OutputStream out = s.getOutputStream();
            out.write(junk);
            out.flush();
            try {
                s.getInputStream().read(new byte[1024]);
            } catch (IOException e) {
                // reset or timeout: what a server may do with garbage
            }
            return "raw-tcp";
        } catch (IOException e) {
            return "raw-tcp-refused";
        }
    }

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    };

    /** Random bytes as the request message of Handshake or Upload, past TLS and authentication. */
    private static String randomMessageBytes(ManagedChannel channel, Random random, ClientInterceptor credential) {
        boolean upload = random.nextBoolean();
        MethodDescriptor<byte[], byte[]> method = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(upload ? MethodDescriptor.MethodType.BIDI_STREAMING : MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(upload ? SyncServiceGrpc.getUploadMethod().getFullMethodName()
                        : SyncServiceGrpc.getHandshakeMethod().getFullMethodName())
                .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
        byte[] junk = new byte[random.nextInt(random.nextInt(10) == 0 ? 200_000 : 2_000)];
        random.nextBytes(junk);
        ClientCall<byte[], byte[]> call = ClientInterceptors.intercept(channel, credential)
                .newCall(method, CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS));
        try {
            if (upload) {
                Iterator<byte[]> it = ClientCalls.blockingServerStreamingCall(call, junk);
                while (it.hasNext()) {
                    it.next();
                }
            } else {
                ClientCalls.blockingUnaryCall(call, junk);
            }
            return "bytes:OK";
        } catch (StatusRuntimeException e) {
            return "bytes:" + e.getStatus().getCode();
        }
    }

    /** Well-formed EventBatches with random values, sometimes giant, sometimes under another device's id. */
    private static String randomBatches(ManagedChannel channel, Random random, ClientInterceptor credential) {
        List<EventBatch> batches = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        for (int b = 0; b < n; b++) {
            EventBatch.Builder batch = EventBatch.newBuilder()
                    .setDeviceId(random.nextInt(5) == 0 ? randomString(random, 80) : "kiosk-fuzz");
            int events = switch (random.nextInt(10)) {
                case 0 -> 5_001 + random.nextInt(50_000); // over the batch limit, or over 4 MiB
                case 1 -> 0;
                default -> random.nextInt(200);
            };
            for (int i = 0; i < events; i++) {
                batch.addEvents(randomEvent(random));
            }
            for (int i = random.nextInt(random.nextInt(20) == 0 ? 500 : 3); i > 0; i--) {
                batch.addClockSamples(ClockSample.newBuilder().setBootId(randomBytes(random, 16))
                        .setDeviceSendTimeMs(random.nextLong()).setServerReceiveTimeMs(random.nextLong())
                        .setMonotonicNanos(random.nextLong()));
            }
            batches.add(batch.build());
        }
        try {
            DeviceWire.upload(channel, batches, credential);
            return "batch:OK";
        } catch (StatusRuntimeException e) {
            return "batch:" + e.getStatus().getCode();
        }
    }

    private static Event randomEvent(Random random) {
        Event.Builder e = Event.newBuilder().setSeq(random.nextInt(4) == 0 ? random.nextLong() : 1 + random.nextInt(100_000))
                .setSchemaVersion(random.nextInt(3)).setWallTimeMs(random.nextLong())
                .setBootId(randomBytes(random, random.nextInt(3) == 0 ? random.nextInt(64) : 16))
                .setMonotonicNanos(random.nextLong());
        switch (random.nextInt(4)) {
            case 0 -> e.setPayment(Payment.newBuilder().setAmountVnd(random.nextLong()).setMethodValue(random.nextInt(8))
                    .setStatusValue(random.nextInt(8)).setReference(randomString(random, 300)));
            case 1 -> e.setCardRead(CardRead.newBuilder().setReaderKindValue(random.nextInt(6))
                    .setOutcomeValue(random.nextInt(4)).setCitizenKey(randomBytes(random, random.nextInt(40)))
                    .setFailureReason(randomString(random, 100)).setAgeGroupValue(random.nextInt(7)));
            case 2 -> e.setFieldAssist(FieldAssist.newBuilder().setActivityValue(random.nextInt(9))
                    .setTeam(randomString(random, 50)).setOrgUnit(randomString(random, 50)));
            default -> { } // no payload at all
        }
        return e.build();
    }

    private static String randomHandshake(ManagedChannel channel, Random random, ClientInterceptor... credential) {
        try {
            SyncServiceGrpc.newBlockingStub(channel).withInterceptors(credential).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .handshake(HandshakeRequest.newBuilder()
                            .setDeviceId(random.nextBoolean() ? "kiosk-fuzz" : randomString(random, 100))
                            .setBootId(randomBytes(random, random.nextInt(100)))
                            .setDeviceSendTimeMs(random.nextLong()).setMonotonicNanos(random.nextLong())
                            .setAppVersion(randomString(random, 200)).setLastSeq(random.nextLong()).build());
            return "handshake:OK";
        } catch (StatusRuntimeException e) {
            return "handshake:" + e.getStatus().getCode();
        }
    }

    private static ByteString randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return ByteString.copyFrom(b);
    }

    private static String randomString(Random random, int max) {
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(max + 1); i > 0; i--) {
            s.appendCodePoint(random.nextInt(4) == 0 ? 0x20 + random.nextInt(0x3000) : 'a' + random.nextInt(26));
        }
        return s.toString();
    }
}
