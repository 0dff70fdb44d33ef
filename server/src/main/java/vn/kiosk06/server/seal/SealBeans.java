package vn.kiosk06.server.seal;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import vn.kiosk06.server.ServerConfig;
import vn.kiosk06.wire.seal.CitizenHash;

/** The citizen key (the server's alone), the sealing key ring and the ingest step that opens sealed citizen ids, as the server's beans. */
@Factory
final class SealBeans {

    /** Where the citizen key lives: {@code kiosk06.server.citizen-key-file}, else {@code dataDir/citizen-key.secret}. */
    static Path citizenKeyPath(Path dataDir, @Nullable Path configured) {
        return configured != null ? configured : dataDir.resolve("citizen-key.secret");
    }

    @Singleton
    @Named("citizen-key")
    byte[] citizenKey(ServerConfig config, @Nullable @Property(name = "kiosk06.server.citizen-key-file") Path file) {
        return CitizenKeyFile.loadOrCreate(citizenKeyPath(config.dataDir(), file), new SecureRandom());
    }

    /**
     * Where the sealing keys live: {@code kiosk06.server.sealing-keys-file}, else {@code citizen-sealing-keys.properties}
     * beside the citizen key file (so instances that share the citizen key's directory share these too), else in
     * the data directory.
     */
    static Path sealingKeysPath(Path dataDir, @Nullable Path configured, @Nullable Path citizenKeyFile) {
        if (configured != null) {
            return configured;
        }
        Path dir = citizenKeyFile != null ? citizenKeyFile.toAbsolutePath().getParent() : dataDir;
        return dir.resolve("citizen-sealing-keys.properties");
    }

    /**
     * The ring, generated on first start — except on PostgreSQL (several instances) in secure mode, where each instance
     * generating its own would make every other instance unable to open its devices' seals: there the file must exist.
     */
    @Singleton
    SealingKeyRing sealingKeyRing(ServerConfig config,
                                  @Nullable @Property(name = "kiosk06.server.sealing-keys-file") Path file,
                                  @Nullable @Property(name = "kiosk06.server.citizen-key-file") Path citizenKeyFile,
                                  @Nullable @Property(name = "kiosk06.server.db") String db,
                                  @Property(name = "kiosk06.server.insecure", defaultValue = "false") boolean insecure) {
        Path path = sealingKeysPath(config.dataDir(), file, citizenKeyFile);
        if (db != null && !db.isBlank() && !insecure && !Files.exists(path)) {
            throw new KeyFileException("sealing keys " + path + " do not exist; on PostgreSQL every instance must share one "
                    + "file: create it once (./kiosk06 admin sealing-key list --config FILE) and copy it, 0600, to every "
                    + "instance (or set sealing-keys-file: to a shared path)");
        }
        return SealingKeyRing.loadOrCreate(path);
    }

    @Singleton
    SealedIdOpening sealedIdOpening(SealingKeyRing ring, @Named("citizen-key") byte[] citizenKey) {
        return new SealedIdOpening(ring.opener(), new CitizenHash(citizenKey));
    }
}
