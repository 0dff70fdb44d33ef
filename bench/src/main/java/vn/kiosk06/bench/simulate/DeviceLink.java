package vn.kiosk06.bench.simulate;

import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import java.util.List;

/**
 * How one simulated device talks to the server after enrollment: the channel its sync worker uses (the shared one,
 * or its own when its credentials are per connection, as a client certificate is) and the interceptors that add
 * its per-call credentials.
 */
public record DeviceLink(ManagedChannel channel, List<ClientInterceptor> interceptors) {

    public DeviceLink {
        interceptors = List.copyOf(interceptors);
    }

    ClientInterceptor[] interceptorArray() {
        return interceptors.toArray(ClientInterceptor[]::new);
    }
}
