package vn.kiosk06.bench.simulate;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Tells whether a target speaks TLS, so {@code simulate} can refuse a secure server it has no way to enroll at
 * with a sentence instead of thousands of failed plaintext calls. Only a TLS handshake is made, nothing is sent
 * over it: the certificate is not checked here because nothing is trusted to it (devices pin it separately).
 */
final class TlsProbe {

    private TlsProbe() {
    }

    /** True when a TLS handshake with {@code target} completes within a few seconds. */
    static boolean speaksTls(TargetAddress target) {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(target.host(), target.port()), 3_000);
            plain.setSoTimeout(3_000);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new AnyCertificate()}, null);
            try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(plain, target.host(), target.port(), false)) {
                s.startHandshake();
                return true;
            }
        } catch (IOException | GeneralSecurityException e) {
            return false; // nothing listens, or it is not TLS: the reachability check says which
        }
    }

    /** Accepts any certificate: the probe only asks whether TLS is spoken. */
    private static final class AnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
