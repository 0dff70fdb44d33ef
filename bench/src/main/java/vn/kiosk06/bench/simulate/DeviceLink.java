package vn.kiosk06.bench.simulate;

import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import java.util.List;

/**
 * How one simulated device talks to the server after enrollment: the channel its sync worker uses (the shared one,
 * or its own when its credentials are per connection, as a client certificate is) and the interceptors that add
 * its per-call credentials, and the credential itself: an enrolled device keys its event chain with its secret and
 * seals citizen ids to the server's key, as a real one does.
 */
public record DeviceLink(ManagedChannel channel, List<ClientInterceptor> interceptors,
                         java.util.Optional<vn.kiosk06.client.enroll.DeviceCredential> credential) {

    public DeviceLink {
        interceptors = List.copyOf(interceptors);
    }

    /** A link with no credential (an --insecure server): the device's chain stays plain, its citizens unsealed. */
    public DeviceLink(ManagedChannel channel, List<ClientInterceptor> interceptors) {
        this(channel, interceptors, java.util.Optional.empty());
    }

    ClientInterceptor[] interceptorArray() {
        return interceptors.toArray(ClientInterceptor[]::new);
    }
}
