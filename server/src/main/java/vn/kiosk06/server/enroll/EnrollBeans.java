package vn.kiosk06.server.enroll;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import vn.kiosk06.server.ServerConfig;
import vn.kiosk06.server.db.Database;
import vn.kiosk06.server.tls.ServerTransport;

/** The device registry and the citizen key (the server's alone), as the server's beans. */
@Factory
final class EnrollBeans {

    @Singleton
    DeviceRegistry deviceRegistry(Database database, Clock clock, ServerTransport transport) {
        return new DeviceRegistry(database, clock, new SecureRandom(), () -> transport.requireIdentity().fingerprint());
    }

    /** Where the citizen key lives: {@code kiosk06.server.citizen-key-file}, else {@code dataDir/citizen-key.secret}. */
    static Path citizenKeyPath(Path dataDir, @Nullable Path configured) {
        return configured != null ? configured : dataDir.resolve("citizen-key.secret");
    }

    @Singleton
    @Named("citizen-key")
    byte[] citizenKey(ServerConfig config, @Nullable @Property(name = "kiosk06.server.citizen-key-file") Path file) {
        return CitizenKeyFile.loadOrCreate(citizenKeyPath(config.dataDir(), file), new SecureRandom());
    }
}
