package vn.kiosk06.server.seal;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kiosk06.proto.sync.v1.SealingKey;
import vn.kiosk06.wire.seal.CitizenIdOpener;
import vn.kiosk06.wire.seal.SealingKeys;

/**
 * The server's key pairs for sealing citizen ids (X25519, HPKE): every key it ever issued, numbered from 1, and which
 * one devices seal to now. Kept in one owner-only (0600) properties file, never in the database, beside the citizen
 * key by default; several server instances must share it, as they share the citizen key. A rotation adds a key and
 * keeps the old ones, so events sealed before it (a device offline for weeks) still open. Immutable; thread-safe.
 */
public final class SealingKeyRing {
    private static final Logger LOG = LoggerFactory.getLogger(SealingKeyRing.class);
    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Path file;
    private final int current;
    private final Map<Integer, byte[]> privateKeys;

    private SealingKeyRing(Path file, int current, Map<Integer, byte[]> privateKeys) {
        this.file = file;
        this.current = current;
        this.privateKeys = Collections.unmodifiableMap(new TreeMap<>(privateKeys));
        if (!this.privateKeys.containsKey(current)) {
            throw new KeyFileException("sealing keys " + file + ": current=" + current + " names no key (has "
                    + this.privateKeys.keySet() + ")");
        }
    }

    /** Reads the ring, creating it with one new key pair if the file does not exist. */
    public static SealingKeyRing loadOrCreate(Path file) {
        if (!Files.exists(file)) {
            SealingKeyRing fresh = new SealingKeyRing(file, 1, Map.of(1, SealingKeys.generatePrivateKey()));
            try {
                fresh.write(false);
                LOG.info("Sealing keys: none found, generated key 1 in {} (0600); devices seal citizen ids to it. Back it "
                        + "up with the citizen key: without it, events sealed to it cannot be counted", file);
                return fresh;
            } catch (FileAlreadyExistsException e) {
                // another instance won the race: use its keys
            } catch (IOException e) {
                throw new KeyFileException("sealing keys " + file + ": " + e.getMessage(), e);
            }
        }
        return load(file);
    }

    /** Reads the ring from an existing file. */
    public static SealingKeyRing load(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(GROUP_OR_OTHER::contains)) {
                throw new KeyFileException("sealing keys " + file + " has permissions " + PosixFilePermissions.toString(perms)
                        + "; it must be owner-only (chmod 600 " + file + ")");
            }
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            Map<Integer, byte[]> keys = new TreeMap<>();
            for (String name : p.stringPropertyNames()) {
                if (name.startsWith("key.")) {
                    keys.put(Integer.parseInt(name.substring(4)), Base64.getDecoder().decode(p.getProperty(name).strip()));
                }
            }
            String current = p.getProperty("current");
            if (current == null) {
                throw new KeyFileException("sealing keys " + file + " has no 'current=' line");
            }
            return new SealingKeyRing(file, Integer.parseInt(current.strip()), keys);
        } catch (IOException | IllegalArgumentException e) {
            throw new KeyFileException("sealing keys " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** A ring with one more key pair, current from now on; written to the file before it is returned. */
    public SealingKeyRing rotate() {
        int next = privateKeys.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        Map<Integer, byte[]> keys = new TreeMap<>(privateKeys);
        keys.put(next, SealingKeys.generatePrivateKey());
        SealingKeyRing rotated = new SealingKeyRing(file, next, keys);
        try {
            rotated.write(true);
        } catch (IOException e) {
            throw new KeyFileException("sealing keys " + file + ": cannot write the new key: " + e.getMessage(), e);
        }
        return rotated;
    }

    /** The public key devices seal to now. */
    public SealingKey current() {
        return publicKey(current);
    }

    /** Every key's id, ascending. */
    public Set<Integer> ids() {
        return privateKeys.keySet();
    }

    /** The public half of key {@code id}. */
    public SealingKey publicKey(int id) {
        return SealingKey.newBuilder().setKeyId(id)
                .setPublicKey(ByteString.copyFrom(SealingKeys.publicKeyOf(privateKeys.get(id)))).build();
    }

    /** Opens ids sealed to any key of the ring. */
    public CitizenIdOpener opener() {
        return new CitizenIdOpener(privateKeys);
    }

    /** Owner-only from the first byte, moved in place (a crash leaves the old file or none). */
    private void write(boolean replace) throws IOException {
        Properties p = new Properties();
        p.setProperty("current", Integer.toString(current));
        privateKeys.forEach((id, key) -> p.setProperty("key." + id, Base64.getEncoder().encodeToString(key)));
        StringWriter w = new StringWriter();
        p.store(w, "Kiosk06 server keys for sealing citizen ids (X25519, HPKE RFC 9180). Owner-only (0600); keep every "
                + "key: events sealed to an old key open only with it");
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, w.toString(), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
        if (replace) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } else {
            try {
                // Not REPLACE_EXISTING: of two instances creating the ring at once, the first one's keys win.
                Files.createLink(file, tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
