package vn.kiosk06.server.enroll;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import vn.kiosk06.server.db.Database;
import vn.kiosk06.server.tls.ServerTransport;

/** The device registry, as the server's bean. */
@Factory
final class EnrollBeans {

    @Singleton
    DeviceRegistry deviceRegistry(Database database, Clock clock, ServerTransport transport) {
        return new DeviceRegistry(database, clock, new SecureRandom(), () -> transport.requireIdentity().fingerprint());
    }
}
