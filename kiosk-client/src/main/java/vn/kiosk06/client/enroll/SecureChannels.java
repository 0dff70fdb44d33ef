package vn.kiosk06.client.enroll;

import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.okhttp.OkHttpChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import vn.kiosk06.client.config.ConfigException;

/** Channels to the server over TLS that trust only the pinned certificate, and the credential every call carries. */
public final class SecureChannels {

    /** The metadata keys of sync.proto's credential (x-kiosk06-device-id / -secret). */
    public static final Metadata.Key<String> DEVICE_ID = Metadata.Key.of("x-kiosk06-device-id", Metadata.ASCII_STRING_MARSHALLER);
    public static final Metadata.Key<String> DEVICE_SECRET =
            Metadata.Key.of("x-kiosk06-device-secret", Metadata.ASCII_STRING_MARSHALLER);

    private SecureChannels() {
    }

    /** A TLS channel to {@code target} (host:port) that accepts only the certificate with {@code sha256}. */
    public static ManagedChannel pinned(String target, byte[] sha256) {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new PinnedTrustManager(sha256)}, null);
            return OkHttpChannelBuilder.forTarget(target)
                    .sslSocketFactory(tls.getSocketFactory())
                    // The certificate is pinned by its SHA-256, which is a stronger check than its name: a server
                    // reached by IP or a new DNS name keeps working, and no other certificate is accepted.
                    .hostnameVerifier((host, session) -> true)
                    .maxInboundMessageSize(4 << 20)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new ConfigException("cannot set up TLS to " + target + ": " + e.getMessage());
        }
    }

    /** A plaintext channel to {@code target}: development only ({@code insecure: true}). */
    public static ManagedChannel plaintext(String target) {
        return OkHttpChannelBuilder.forTarget(target).usePlaintext().maxInboundMessageSize(4 << 20).build();
    }

    /** Adds the device's credential to every call. */
    public static ClientInterceptor credential(DeviceCredential credential) {
        Metadata headers = new Metadata();
        headers.put(DEVICE_ID, credential.deviceId());
        headers.put(DEVICE_SECRET, credential.secret());
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }
}
