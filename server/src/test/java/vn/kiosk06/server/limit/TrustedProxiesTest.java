package vn.kiosk06.server.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.proto.sync.v1.EnrollRequest;
import vn.kiosk06.proto.sync.v1.EnrollmentServiceGrpc;
import vn.kiosk06.server.RunningServer;

/**
 * Behind nginx every call comes from the proxy's address: the enrollment throttle counts the address the proxy
 * forwards, but only when the connection comes from a configured proxy — a client's own header is ignored.
 */
class TrustedProxiesTest {

    @TempDir
    Path dir;

    static InetSocketAddress peer(String ip) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), 40_000);
    }

    @Test
    void clientKey_fromATrustedProxy_isTheLastForwardedAddress_elseThePeer() throws Exception {
        TrustedProxies proxies = TrustedProxies.of(List.of("10.0.0.5", " 192.168.8.0/24 ", ""));

        assertThat(proxies.clientKey(peer("10.0.0.5"), Optional.of("203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(proxies.clientKey(peer("192.168.8.77"), Optional.of("198.51.100.1, 203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(proxies.clientKey(peer("192.168.8.77"), Optional.of("2001:db8:1:2:3:4:5:6")))
                .isEqualTo("2001:db8:1:2::/64");
        assertThat(proxies.clientKey(peer("10.0.0.6"), Optional.of("203.0.113.9"))).as("not a proxy").isEqualTo("10.0.0.6");
        assertThat(proxies.clientKey(peer("10.0.0.5"), Optional.empty())).isEqualTo("10.0.0.5");
        assertThat(proxies.clientKey(peer("10.0.0.5"), Optional.of("evil.example"))).as("names are not resolved")
                .isEqualTo("10.0.0.5");
        assertThat(TrustedProxies.none().clientKey(peer("10.0.0.5"), Optional.of("203.0.113.9"))).isEqualTo("10.0.0.5");
    }

    @Test
    void badEntry_isRefusedNamingIt() {
        assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.5", "proxy.local")))
                .hasMessageContaining("'proxy.local' is not an IP address or CIDR block");
        assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/33"))).hasMessageContaining("'10.0.0.0/33' has a bad prefix length (0–32)");
        assertThatThrownBy(() -> new Limits(100, 500, 6, 10, 1, List.of("10.0.0.0/x")))
                .hasMessageContaining("trusted-proxies: '10.0.0.0/x'");
    }

    @Test
    void enrollThrottle_behindATrustedProxy_countsEachForwardedClient_andIgnoresAForgedHeaderFromElsewhere() throws Exception {
        try (RunningServer proxied = RunningServer.secure(dir.resolve("proxied"), Map.of(
                "kiosk06.server.limits.enroll-burst", 2, "kiosk06.server.limits.enroll-per-minute", 1,
                "kiosk06.server.limits.trusted-proxies", "127.0.0.1"))) {
            // Two clients behind the proxy: each has its own bucket, though both arrive from 127.0.0.1.
            assertThat(guesses(proxied, "203.0.113.7", 3)).containsExactly(Status.Code.PERMISSION_DENIED,
                    Status.Code.PERMISSION_DENIED, Status.Code.RESOURCE_EXHAUSTED);
            assertThat(lastDescription).startsWith("too many enrollment attempts from 203.0.113.7");
            assertThat(guesses(proxied, "203.0.113.8", 2)).containsOnly(Status.Code.PERMISSION_DENIED);
        }
        try (RunningServer direct = RunningServer.secure(dir.resolve("direct"), Map.of(
                "kiosk06.server.limits.enroll-burst", 2, "kiosk06.server.limits.enroll-per-minute", 1))) {
            // No proxy configured: a client claiming other addresses is still counted as itself.
            List<Status.Code> outcomes = new ArrayList<>(guesses(direct, "203.0.113.7", 2));
            outcomes.addAll(guesses(direct, "203.0.113.8", 1));
            assertThat(outcomes).containsExactly(Status.Code.PERMISSION_DENIED, Status.Code.PERMISSION_DENIED,
                    Status.Code.RESOURCE_EXHAUSTED);
            assertThat(lastDescription).startsWith("too many enrollment attempts from 127.0.0.1");
        }
    }

    private String lastDescription = "";

    /** {@code n} wrong enrollment codes, each call carrying {@code x-forwarded-for: forwardedFor}. */
    private List<Status.Code> guesses(RunningServer server, String forwardedFor, int n) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of(TrustedProxies.FORWARDED_FOR, Metadata.ASCII_STRING_MARSHALLER), forwardedFor);
        EnrollmentServiceGrpc.EnrollmentServiceBlockingStub stub = EnrollmentServiceGrpc.newBlockingStub(server.channel())
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        List<Status.Code> outcomes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            try {
                stub.withDeadlineAfter(10, TimeUnit.SECONDS).enroll(EnrollRequest.newBuilder()
                        .setCode("ABCDEFGHJKMNPQRSTVWXYZ2345").setAppVersion("0.1.0").build());
                outcomes.add(Status.Code.OK);
            } catch (StatusRuntimeException e) {
                outcomes.add(e.getStatus().getCode());
                lastDescription = String.valueOf(e.getStatus().getDescription());
            }
        }
        return outcomes;
    }
}
