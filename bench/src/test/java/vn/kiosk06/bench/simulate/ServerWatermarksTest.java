package vn.kiosk06.bench.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.kiosk06.proto.sync.v1.HandshakeRequest;
import vn.kiosk06.proto.sync.v1.HandshakeResponse;
import vn.kiosk06.proto.sync.v1.SyncServiceGrpc;

/** The simulator's preflight against a real gRPC server on a free port that is slow to answer, as a busy one is. */
class ServerWatermarksTest {

    private Server server;
    private ManagedChannel channel;
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logged, true, StandardCharsets.UTF_8);

    /** A sync service that leaves the first {@code unanswered} handshakes unanswered, then refuses the empty id. */
    private TargetAddress serverIgnoringFirst(int unanswered, AtomicInteger calls) throws Exception {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new SyncServiceGrpc.SyncServiceImplBase() {
                    @Override
                    public void handshake(HandshakeRequest request, StreamObserver<HandshakeResponse> responses) {
                        if (calls.incrementAndGet() > unanswered) {
                            responses.onError(Status.INVALID_ARGUMENT.withDescription("device id is empty").asRuntimeException());
                        }
                    }
                }).build().start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
        return new TargetAddress("127.0.0.1", server.getPort());
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void checkReachable_serverSlowToAnswerTwice_asksAgainAndPasses() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        TargetAddress target = serverIgnoringFirst(2, calls);

        new ServerWatermarks(channel, target).checkReachable(Duration.ofMillis(200), Duration.ofMinutes(1), log);

        assertThat(calls).hasValue(3);
        assertThat(logged.toString(StandardCharsets.UTF_8)).contains("did not answer within 200 ms (busy?); asking again");
    }

    @Test
    void checkReachable_serverNeverAnswers_failsAfterItsPatienceSayingHowLongItWaited() throws Exception {
        TargetAddress target = serverIgnoringFirst(Integer.MAX_VALUE, new AtomicInteger());

        assertThatThrownBy(() -> new ServerWatermarks(channel, target)
                .checkReachable(Duration.ofMillis(100), Duration.ofMillis(250), log))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--target " + target + ": no Kiosk06 server reachable there (nothing answered in")
                .hasMessageContaining("attempts of 100 ms");
    }
}
