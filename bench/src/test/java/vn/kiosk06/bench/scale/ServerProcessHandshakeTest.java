package vn.kiosk06.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.server.tls.ServerIdentity;

/**
 * The bench waits for a server it started to answer HTTPS; a handshake that fails because the server is still
 * starting must not be reported as "serves another certificate" (a soak run stopped on that at its first second).
 */
class ServerProcessHandshakeTest {

    @TempDir
    Path dir;

    static SSLHandshakeException handshakeFailure(String url, byte[] pinned) {
        return catchThrowableOfType(() -> ServerProcess.pinnedHttp(pinned)
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()),
                SSLHandshakeException.class);
    }

    @Test
    void aServerThatClosesTheHandshake_isNotACertificateMismatch() throws Exception {
        try (ServerSocket closing = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                while (!closing.isClosed()) {
                    try (Socket s = closing.accept()) {
                        s.getInputStream().read(); // the ClientHello arrives, then the connection closes
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            SSLHandshakeException e = handshakeFailure("https://127.0.0.1:" + closing.getLocalPort() + "/", new byte[32]);

            assertThat(e).as("a closed handshake surfaces as SSLHandshakeException").isNotNull();
            assertThat(ServerProcess.certificateRejected(e)).isFalse();
            acceptor.interrupt();
        }
    }

    @Test
    void aStartingServer_isReadyOnlyOnceItsHealthSays200() throws Exception {
        ServerIdentity identity = ServerIdentity.load(dir, null, null);
        AtomicInteger asked = new AtomicInteger();
        HttpsServer https = httpsServer(identity);
        https.createContext("/health", x -> {
            // 503 while starting (as Micronaut answers until the gRPC server is up), then 200
            x.sendResponseHeaders(asked.incrementAndGet() < 3 ? 503 : 200, -1);
            x.close();
        });
        https.start();
        Process alive = new ProcessBuilder("sleep", "60").start();
        try {
            ServerProcess.awaitReady(alive, ServerProcess.pinnedHttp(identity.fingerprint()),
                    "https://127.0.0.1:" + https.getAddress().getPort() + "/health", dir.resolve("server.log"));

            assertThat(asked.get()).as("asked until it said 200, not past it").isEqualTo(3);
        } finally {
            alive.destroyForcibly();
            https.stop(0);
        }
    }

    @Test
    void aServerThatExitsWhileStarting_isReportedWithItsExitCode() throws Exception {
        Process exited = new ProcessBuilder("sh", "-c", "exit 3").start();
        exited.waitFor();

        assertThatThrownBy(() -> ServerProcess.awaitReady(exited, ServerProcess.pinnedHttp(new byte[32]),
                "https://127.0.0.1:1/health", dir.resolve("server.log")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("exited at start (code 3)");
    }

    private static HttpsServer httpsServer(ServerIdentity identity) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", identity.privateKey(), new char[0], new java.security.cert.Certificate[] {identity.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        return https;
    }

    @Test
    void aServerWithAnotherCertificate_isACertificateMismatch() throws Exception {
        ServerIdentity identity = ServerIdentity.load(dir, null, null);
        HttpsServer https = httpsServer(identity);
        https.createContext("/", x -> {
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        https.start();
        try {
            byte[] otherFingerprint = new byte[32];
            SSLHandshakeException e = handshakeFailure("https://127.0.0.1:" + https.getAddress().getPort() + "/", otherFingerprint);

            assertThat(e).isNotNull();
            assertThat(ServerProcess.certificateRejected(e)).isTrue();
        } finally {
            https.stop(0);
        }
    }
}
