package vn.kiosk06.server.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ClientInterceptors;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.proto.sync.v1.Ack;
import vn.kiosk06.proto.sync.v1.HandshakeRequest;
import vn.kiosk06.proto.sync.v1.SyncServiceGrpc;
import vn.kiosk06.server.RunningServer;
import vn.kiosk06.server.TestEvents;
import vn.kiosk06.server.Uploads;
import vn.kiosk06.server.enroll.AuthenticatedDevice;
import vn.kiosk06.server.enroll.DeviceRegistry;
import vn.kiosk06.server.enroll.Enrollment;

/**
 * The audit's connection flood against a real secure server: TLS connections that finish the handshake and then say
 * nothing, from one address (127.0.0.2; Linux routes all of 127/8 to loopback), while a real enrolled device syncs
 * from another (127.0.0.1).
 */
class ConnectionLimitsTest {

    static final int CAP = 256;
    static final int FLOOD = 2_000;

    @TempDir
    Path dir;
    RunningServer server;
    final List<Socket> held = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Socket s : held) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** A TLS connection from {@code from} that finishes the handshake (offering h2, as gRPC wants) and then is silent. */
    SSLSocket silentTls(InetAddress from) throws IOException {
        return silentTls(from, server.grpcPort());
    }

    SSLSocket silentTls(InetAddress from, int port) throws IOException {
        SSLSocket s = (SSLSocket) server.sslContext().orElseThrow().getSocketFactory().createSocket();
        held.add(s);
        s.bind(new InetSocketAddress(from, 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        SSLParameters p = s.getSSLParameters();
        p.setApplicationProtocols(new String[] {"h2"});
        s.setSSLParameters(p);
        s.setSoTimeout(5_000);
        s.startHandshake();
        return s;
    }

    /** Whether the server has closed {@code s} (a read sees the end or a reset). */
    static boolean closedByServer(Socket s) {
        try {
            s.setSoTimeout(200);
            return s.getInputStream().read() == -1;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** An enrolled device's own TLS channel, as the device app builds it: the server's certificate and the credential. */
    ManagedChannel deviceChannel() throws Exception {
        return NettyChannelBuilder.forAddress("127.0.0.1", server.grpcPort())
                .sslContext(GrpcSslContexts.forClient().trustManager(server.identity().certificate()).build()).build();
    }

    /** A device's sync: handshake, then a batch of 50 events, acked. */
    void sync(ManagedChannel channel, Enrollment device, long first) {
        Metadata credential = new Metadata();
        credential.put(AuthenticatedDevice.DEVICE_ID, "kiosk-real");
        credential.put(AuthenticatedDevice.DEVICE_SECRET, device.deviceSecret());
        io.grpc.Channel authed = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(credential));
        SyncServiceGrpc.newBlockingStub(authed).withDeadlineAfter(20, TimeUnit.SECONDS).handshake(HandshakeRequest.newBuilder()
                .setDeviceId("kiosk-real").setBootId(TestEvents.BOOT).setDeviceSendTimeMs(System.currentTimeMillis())
                .setAppVersion("0.1.0").build());
        List<Ack> acks = Uploads.upload(authed, TestEvents.batch("kiosk-real", first, first + 49));
        assertThat(acks.get(acks.size() - 1).getWatermark()).isEqualTo(first + 49);
    }

    @Test
    void twoThousandSilentTlsConnections_fromOneAddress_areCapped_andARealDeviceStillSyncsWithinASecond() throws Exception {
        // Timeouts long, so that only the cap can explain a refused connection.
        server = RunningServer.secure(dir, Map.of("kiosk06.server.connections.handshake-timeout", "10m",
                "kiosk06.server.connections.idle-timeout", "10m"));
        DeviceRegistry registry = server.bean(DeviceRegistry.class);
        Enrollment device = registry.enroll(registry.register("kiosk-real", "PQ", Duration.ofHours(1)).code().secret());
        ManagedChannel first = deviceChannel();
        sync(first, device, 1); // before the flood: warm, and proof that the device is set up
        first.shutdownNow();
        InetAddress attacker = InetAddress.getByName("127.0.0.2");

        int established = 0;
        int refused = 0;
        for (int i = 0; i < FLOOD; i++) {
            try {
                silentTls(attacker);
                established++;
            } catch (IOException e) {
                refused++;
            }
        }
        long stillOpen = held.stream().filter(s -> !s.isClosed() && !closedByServer(s)).count();

        ManagedChannel channel = deviceChannel();
        long start = System.nanoTime();
        sync(channel, device, 51);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        channel.shutdownNow();

        assertThat(stillOpen).as("silent connections the server keeps from one address").isEqualTo(CAP);
        assertThat(established + refused).isEqualTo(FLOOD);
        assertThat(server.bean(ConnectionsPerAddress.class).open(attacker)).isEqualTo(CAP);
        assertThat(took).as("a new connection, handshake and a 50-event batch, during the flood").isLessThan(Duration.ofSeconds(1));
        System.out.printf("flood: %d of %d silent TLS connections kept, device sync during it took %d ms%n", stillOpen, FLOOD,
                took.toMillis());
    }

    @Test
    void dashboardPort_sharesTheCap_andStillAnswersAnotherAddress() throws Exception {
        server = RunningServer.secure(dir, Map.of("kiosk06.server.connections.max-per-address", 5));
        int https = URI.create(server.httpUrl()).getPort();
        InetAddress attacker = InetAddress.getByName("127.0.0.2");

        int established = 0;
        for (int i = 0; i < 20; i++) {
            try {
                silentTls(attacker, https);
                established++;
            } catch (IOException e) {
                // closed by the cap
            }
        }
        long stillOpen = held.stream().filter(s -> !s.isClosed() && !closedByServer(s)).count();
        HttpResponse<String> health = HttpClient.newBuilder().sslContext(server.sslContext().orElseThrow()).build()
                .send(HttpRequest.newBuilder(URI.create(server.httpUrl() + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(stillOpen).as("silent dashboard connections kept from one address").isEqualTo(5);
        assertThat(established).isGreaterThanOrEqualTo(5);
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    void trustedProxy_isNotCapped_whileOtherAddressesAre() throws Exception {
        // nginx opens one upstream connection per call in flight: a proxy under the cap would starve its devices.
        server = RunningServer.secure(dir, Map.of("kiosk06.server.connections.max-per-address", 5,
                "kiosk06.server.limits.trusted-proxies", "127.0.0.3"));
        for (int i = 0; i < 20; i++) {
            silentTls(InetAddress.getByName("127.0.0.3"));
        }
        for (int i = 0; i < 20; i++) {
            try {
                silentTls(InetAddress.getByName("127.0.0.4"));
            } catch (IOException e) {
                // closed by the cap
            }
        }

        assertThat(held.subList(0, 20).stream().filter(s -> !s.isClosed() && !closedByServer(s)).count())
                .as("connections kept from the trusted proxy").isEqualTo(20);
        assertThat(held.subList(20, 40).stream().filter(s -> !s.isClosed() && !closedByServer(s)).count())
                .as("connections kept from another address").isEqualTo(5);
    }

    @Test
    void silentTlsConnection_isClosedAfterTheHandshakeTimeout() throws Exception {
        server = RunningServer.secure(dir, Map.of("kiosk06.server.connections.handshake-timeout", "1s"));

        SSLSocket silent = silentTls(InetAddress.getLoopbackAddress());

        await().atMost(Duration.ofSeconds(15)).until(() -> closedByServer(silent));
        assertThat(server.bean(ConnectionsPerAddress.class).open(InetAddress.getLoopbackAddress()))
                .as("its count is given back").isZero();
    }

    @Test
    void gRpcConnection_withoutCalls_isClosedAfterTheIdleTimeout_andTheDeviceReconnectsOnItsNextSync() throws Exception {
        server = RunningServer.secure(dir, Map.of("kiosk06.server.connections.idle-timeout", "1s"));
        DeviceRegistry registry = server.bean(DeviceRegistry.class);
        Enrollment device = registry.enroll(registry.register("kiosk-real", "PQ", Duration.ofHours(1)).code().secret());
        ManagedChannel channel = deviceChannel();
        sync(channel, device, 1);
        assertThat(channel.getState(false)).isEqualTo(ConnectivityState.READY);

        await().atMost(Duration.ofSeconds(15)).until(() -> channel.getState(false) == ConnectivityState.IDLE);
        sync(channel, device, 51);
        channel.shutdownNow();
    }
}
