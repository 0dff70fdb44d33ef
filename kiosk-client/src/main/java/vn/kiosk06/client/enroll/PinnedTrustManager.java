package vn.kiosk06.client.enroll;

import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly one server certificate: the one whose SHA-256 fingerprint came with the enrollment code. No CA,
 * no host-name check (the pin is stronger than both: a certificate for the right name from any CA is still refused).
 * An {@link X509ExtendedTrustManager}, so the JDK does not add its own host-name check on top. Immutable.
 */
public final class PinnedTrustManager extends X509ExtendedTrustManager {

    private final byte[] pinned;

    public PinnedTrustManager(byte[] sha256) {
        if (sha256.length != 32) {
            throw new IllegalArgumentException("a pinned fingerprint is a SHA-256 (32 bytes), was " + sha256.length);
        }
        this.pinned = sha256.clone();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server sent no certificate");
        }
        byte[] actual = sha256(chain[0]);
        if (!MessageDigest.isEqual(actual, pinned)) {
            throw new CertificateException("the server's certificate (SHA-256 " + HexFormat.of().formatHex(actual)
                    + ") is not the pinned one (SHA-256 " + HexFormat.of().formatHex(pinned) + "): refusing to talk to it. "
                    + "If the server's certificate was replaced on purpose, enroll the device again with a new code");
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a device does not accept client connections");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    static byte[] sha256(X509Certificate cert) throws CertificateException {
        try {
            return MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new CertificateException("cannot fingerprint the server's certificate: " + e.getMessage(), e);
        }
    }
}
