package vn.kiosk06.server.seal;

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
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * The deployment's citizen key: the HMAC secret the server hashes the citizen ids it opens with (devices never hold
 * it; they seal ids to the server's public key, see {@code SealingKeyRing}). Never in the database: a raw file, owner-only (0600), in the data directory or where
 * {@code kiosk06.server.citizen-key-file} says — several server instances sharing PostgreSQL must point at the same
 * key, or one citizen gets two keys. Generated (32 random bytes) on first use when missing.
 */
public final class CitizenKeyFile {

    private static final Logger LOG = LoggerFactory.getLogger(CitizenKeyFile.class);
    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private CitizenKeyFile() {
    }

    /** Reads the key, generating it if the file does not exist. */
    public static byte[] loadOrCreate(Path file, SecureRandom random) {
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                random.nextBytes(key);
                Files.createDirectories(file.toAbsolutePath().getParent());
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.SYNC)) {
                        out.write(key);
                    }
                    LOG.info("Citizen key: none found, generated a new random one in {} (0600); it never leaves "
                            + "this server. Back it up with the store: a new key counts returning citizens again", file);
                    return key;
                } catch (FileAlreadyExistsException e) {
                    // another instance won the race: use its key
                }
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(GROUP_OR_OTHER::contains)) {
                throw new KeyFileException("citizen key " + file + " has permissions " + PosixFilePermissions.toString(perms)
                        + "; it must be owner-only (chmod 600 " + file + ")");
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length < 16) {
                throw new KeyFileException("citizen key " + file + " holds " + key.length + " bytes, needs at least 16");
            }
            return key;
        } catch (IOException e) {
            throw new KeyFileException("citizen key " + file + ": " + e.getMessage(), e);
        }
    }
}
