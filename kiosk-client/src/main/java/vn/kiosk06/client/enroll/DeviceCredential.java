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
import com.google.protobuf.ByteString;
import vn.kiosk06.client.config.ConfigException;
import vn.kiosk06.client.files.OwnerOnly;
import vn.kiosk06.proto.sync.v1.SealingKey;

/**
 * What a device received at enrollment, kept in {@code data-dir/device-credential.properties}, owner-only (0600):
 * its id and secret (sent on every sync call), the pinned fingerprint of the server's certificate, and the server's
 * public key for sealing citizen ids. Never a citizen key: a file that held one (enrolled before sealing existed)
 * is read, its key used until the next handshake brings the server's public key, and then rewritten without it.
 * Immutable; {@link #toString()} never shows a secret.
 *
 * @param deviceId          the id the server issued the code for
 * @param secret            the per-device secret
 * @param serverFingerprint SHA-256 of the server's certificate, pinned
 * @param orgUnit           the org unit the device was registered for
 * @param sealingKey        the server's public key for sealing citizen ids; empty only in a legacy file
 * @param legacyCitizenKey  the citizen key a legacy file held (empty array for none); dropped at the next handshake
 */
public record DeviceCredential(String deviceId, String secret, byte[] serverFingerprint, String orgUnit,
                               Optional<SealingKey> sealingKey, byte[] legacyCitizenKey) {

    public static final String FILE_NAME = "device-credential.properties";
    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    public DeviceCredential {
        serverFingerprint = serverFingerprint.clone();
        legacyCitizenKey = legacyCitizenKey.clone();
    }

    /** A credential as enrollment gives it: with the server's sealing key, without any citizen key. */
    public DeviceCredential(String deviceId, String secret, byte[] serverFingerprint, String orgUnit, SealingKey sealingKey) {
        this(deviceId, secret, serverFingerprint, orgUnit, Optional.of(sealingKey), new byte[0]);
    }

    @Override
    public byte[] legacyCitizenKey() {
        return legacyCitizenKey.clone();
    }

    /** This credential with {@code key} to seal to and no citizen key any more. */
    public DeviceCredential withSealingKey(SealingKey key) {
        return new DeviceCredential(deviceId, secret, serverFingerprint, orgUnit, Optional.of(key), new byte[0]);
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
            Optional<SealingKey> sealing = Optional.ofNullable(p.getProperty("sealing-public-key")).map(k ->
                    SealingKey.newBuilder().setKeyId(Integer.parseInt(need(p, file, "sealing-key-id")))
                            .setPublicKey(ByteString.copyFrom(Base64.getDecoder().decode(k.strip()))).build());
            byte[] legacy = sealing.isPresent() ? new byte[0]
                    : Base64.getDecoder().decode(need(p, file, "citizen-key"));
            return Optional.of(new DeviceCredential(need(p, file, "device-id"), need(p, file, "device-secret"),
                    HexFormat.of().parseHex(need(p, file, "server-sha256")), p.getProperty("org-unit", ""),
                    sealing, legacy));
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
        sealingKey.ifPresent(k -> {
            p.setProperty("sealing-key-id", Integer.toString(k.getKeyId()));
            p.setProperty("sealing-public-key", Base64.getEncoder().encodeToString(k.getPublicKey().toByteArray()));
        });
        if (sealingKey.isEmpty()) {
            p.setProperty("citizen-key", Base64.getEncoder().encodeToString(legacyCitizenKey));
        }
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
