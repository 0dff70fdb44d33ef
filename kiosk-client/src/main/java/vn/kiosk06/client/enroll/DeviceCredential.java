package vn.kiosk06.client.enroll;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import vn.kiosk06.client.config.ConfigException;
import vn.kiosk06.client.files.OwnerOnly;

/**
 * What a device received at enrollment, kept in {@code data-dir/device-credential.properties}, owner-only (0600):
 * its id and secret (sent on every sync call), the deployment's citizen key, and the pinned fingerprint of the
 * server's certificate. Immutable; {@link #toString()} never shows a secret.
 *
 * @param deviceId          the id the server issued the code for
 * @param secret            the per-device secret
 * @param citizenKey        the deployment's HMAC key for citizen keys
 * @param serverFingerprint SHA-256 of the server's certificate, pinned
 * @param orgUnit           the org unit the device was registered for
 */
public record DeviceCredential(String deviceId, String secret, byte[] citizenKey, byte[] serverFingerprint, String orgUnit) {

    public static final String FILE_NAME = "device-credential.properties";
    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    public DeviceCredential {
        citizenKey = citizenKey.clone();
        serverFingerprint = serverFingerprint.clone();
    }

    @Override
    public byte[] citizenKey() {
        return citizenKey.clone();
    }

    @Override
    public byte[] serverFingerprint() {
        return serverFingerprint.clone();
    }

    public static Path file(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    /**
     * The device's credential, if it has enrolled.
     *
     * @throws ConfigException when the file exists but is readable by others or malformed
     */
    public static Optional<DeviceCredential> load(Path dataDir) {
        Path file = file(dataDir);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(GROUP_OR_OTHER::contains)) {
                throw new ConfigException("device credential " + file + " has permissions "
                        + PosixFilePermissions.toString(perms) + "; it must be owner-only (chmod 600 " + file + ")");
            }
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            return Optional.of(new DeviceCredential(need(p, file, "device-id"), need(p, file, "device-secret"),
                    Base64.getDecoder().decode(need(p, file, "citizen-key")),
                    HexFormat.of().parseHex(need(p, file, "server-sha256")), p.getProperty("org-unit", "")));
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("device credential " + file + " cannot be read (" + e.getMessage()
                    + "); enroll the device again");
        }
    }

    private static String need(Properties p, Path file, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new ConfigException("device credential " + file + " has no " + key + "; enroll the device again");
        }
        return v.strip();
    }

    /** Writes the file owner-only from the first byte, then moves it in place (a crash leaves the old one or none). */
    public void save(Path dataDir) throws IOException {
        OwnerOnly.directories(dataDir);
        Properties p = new Properties();
        p.setProperty("device-id", deviceId);
        p.setProperty("device-secret", secret);
        p.setProperty("citizen-key", Base64.getEncoder().encodeToString(citizenKey));
        p.setProperty("server-sha256", HexFormat.of().formatHex(serverFingerprint));
        p.setProperty("org-unit", orgUnit);
        StringWriter w = new StringWriter();
        p.store(w, "Kiosk06 device credential from enrollment; keep it owner-only (0600), never copy it to another device");
        Path tmp = dataDir.resolve(FILE_NAME + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, w.toString(), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
        Files.move(tmp, file(dataDir), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public String toString() {
        return "DeviceCredential[" + deviceId + ", server SHA-256 " + HexFormat.of().formatHex(serverFingerprint) + "]";
    }
}
