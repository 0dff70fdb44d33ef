package vn.kiosk06.client.hardware;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kiosk06.client.config.ConfigException;

/**
 * The deployment's secret for citizen keys (HMAC-SHA256 of the ID number). Every device of a deployment must hold
 * the same secret, or one citizen gets different keys on different devices and the reports count them twice.
 * The file holds raw bytes (at least 16) and must be readable by its owner only, as an SSH key must.
 *
 * <p>Stateless; {@link #load} is called once at start.
 */
public final class CitizenKeySecret {
    private static final Logger LOG = LoggerFactory.getLogger(CitizenKeySecret.class);

    /** Bytes in a generated secret. */
    static final int GENERATED_BYTES = 32;
    /** The shortest secret {@link vn.kiosk06.hardware.identity.CitizenKeyer} accepts. */
    static final int MIN_BYTES = 16;
    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private CitizenKeySecret() {
    }

    /**
     * Reads the secret at {@code file}. When the file is missing and {@code generateIfMissing} (no file named in the
     * config, so the data dir's default is used), writes a new random secret there with 0600 permissions and logs one
     * line saying so. Never logs the secret.
     *
     * @throws ConfigException naming the file and what is wrong with it
     */
    public static byte[] load(Path file, boolean generateIfMissing, SecureRandom random) {
        if (!Files.exists(file)) {
            if (!generateIfMissing) {
                throw new ConfigException("citizen-key-secret-file " + file + " does not exist; copy the deployment's "
                        + "secret there (chmod 600)");
            }
            return generate(file, random);
        }
        problem(file).ifPresent(p -> {
            throw new ConfigException("citizen key secret " + file + ": " + p);
        });
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException("citizen key secret " + file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** What is wrong with an existing secret file, if anything (permissions, size); for the hardware check too. */
    public static Optional<String> problem(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.of("not a regular file");
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(GROUP_OR_OTHER::contains)) {
                return Optional.of("permissions are " + PosixFilePermissions.toString(perms)
                        + ", must be owner-only (chmod 600 " + file + ")");
            }
            long size = Files.size(file);
            if (size < MIN_BYTES) {
                return Optional.of("holds " + size + " bytes, needs at least " + MIN_BYTES);
            }
            return Optional.empty();
        } catch (UnsupportedOperationException e) {
            return Optional.empty(); // not a POSIX file system: nothing to check
        } catch (IOException e) {
            return Optional.of("cannot read (" + e.getMessage() + ")");
        }
    }

    private static byte[] generate(Path file, SecureRandom random) {
        byte[] secret = new byte[GENERATED_BYTES];
        random.nextBytes(secret);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            // Created with 0600 from the start: never readable by others, not even for a moment.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.SYNC)) {
                out.write(secret);
            }
        } catch (FileAlreadyExistsException e) {
            return load(file, false, random); // another start won the race: use its secret
        } catch (IOException e) {
            throw new ConfigException("citizen key secret " + file + ": cannot create (" + e.getMessage() + ")");
        }
        LOG.info("citizen key secret: none found, generated a new random one in {} (0600); copy this file to every "
                + "device of the deployment and set citizen-key-secret-file, so a citizen gets one key everywhere", file);
        return secret;
    }
}
