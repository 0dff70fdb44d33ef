package vn.kiosk06.server.enroll;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import vn.kiosk06.wire.ChainKey;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kiosk06.server.db.Database;
import vn.kiosk06.server.db.StoreException;
import vn.kiosk06.wire.EnrollmentCode;
import vn.kiosk06.wire.EventRules;

/**
 * The devices allowed to sync: an admin registers a device and gets a one-time code; the device exchanges the code,
 * once and before it expires, for its own secret; every sync call is checked against it; an admin can revoke a
 * device, which takes effect on its next call (nothing is cached). Only SHA-256 hashes of the code and the secret
 * are stored: both are long random strings, so a plain hash is enough and a stolen table grants nothing.
 *
 * <p>The plain Java API the CLI ({@code ./kiosk06 admin device …}) and the dashboard use. Thread-safe: each
 * method is one short transaction on {@link Database}.
 */
public final class DeviceRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceRegistry.class);
    /** Longest a code may live: a code is a credential until used. */
    public static final Duration MAX_VALIDITY = Duration.ofDays(30);
    public static final Duration DEFAULT_VALIDITY = Duration.ofHours(24);

    private final Database database;
    private final Clock clock;
    private final SecureRandom random;
    private final Supplier<byte[]> fingerprint;

    /**
     * @param fingerprint the SHA-256 of the server certificate that codes carry (asked at each registration, so a
     *                    replaced certificate is picked up)
     */
    public DeviceRegistry(Database database, Clock clock, SecureRandom random, Supplier<byte[]> fingerprint) {
        this.database = database;
        this.clock = clock;
        this.random = random;
        this.fingerprint = fingerprint;
    }

    /** {@link #register(String, String, Duration, String, Optional)} by "admin", without an address in the code. */
    public IssuedCode register(String deviceId, String unitCode, Duration validity) {
        return register(deviceId, unitCode, validity, "admin", Optional.empty());
    }

    /**
     * Registers {@code deviceId} under {@code unitCode} and issues a one-time enrollment code valid for
     * {@code validity}. Registering a device again issues a new code and cancels its previous code and credential
     * (the device must enroll again): the way to replace a lost or stolen device's credential.
     *
     * @param by      who asked (for the record)
     * @param address the server's gRPC address to put in the code, if any
     * @throws EnrollmentException (INVALID) naming the bad argument
     */
    public IssuedCode register(String deviceId, String unitCode, Duration validity, String by, Optional<String> address) {
        return registerAll(List.of(new NewDevice(deviceId, unitCode)), validity, by, address).get(0);
    }

    /** A device to register: its id and the org unit it serves. */
    public record NewDevice(String deviceId, String unitCode) {
    }

    /**
     * Registers every device of {@code devices} as {@link #register(String, String, Duration, String, Optional)} does,
     * all in one transaction: either every device gets its code or (on any refusal) none does. One commit for the
     * batch, not one per device: a district's 5,000 devices are registered in about a second.
     *
     * @return the codes, in the order of {@code devices}
     * @throws EnrollmentException (INVALID) naming the first bad device; nothing is registered then
     */
    public List<IssuedCode> registerAll(List<NewDevice> devices, Duration validity, String by, Optional<String> address) {
        for (NewDevice d : devices) {
            checkDevice(d.deviceId(), d.unitCode());
        }
        if (validity == null || validity.isNegative() || validity.isZero() || validity.compareTo(MAX_VALIDITY) > 0) {
            throw new EnrollmentException(EnrollmentException.Reason.INVALID,
                    "validity must be more than 0 and at most " + MAX_VALIDITY.toDays() + " days, was " + validity);
        }
        byte[] certificate = fingerprint.get();
        Instant now = clock.instant();
        Instant expires = now.plus(validity);
        List<IssuedCode> issued = new ArrayList<>(devices.size());
        for (NewDevice d : devices) {
            try {
                issued.add(new IssuedCode(d.deviceId(), EnrollmentCode.random(random, certificate, address), expires));
            } catch (IllegalArgumentException e) {
                throw new EnrollmentException(EnrollmentException.Reason.INVALID, e.getMessage());
            }
        }
        inTransaction(c -> {
            // Re-registration updates; a new device inserts. Batched: two statements for the whole list.
            List<Integer> fresh = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("UPDATE device_enrollment SET unit_code = ?, registered_at = ?, "
                    + "registered_by = ?, code_hash = ?, code_expires_at = ?, credential_hash = NULL, enrolled_at = NULL, "
                    + "revoked_at = NULL, revoked_by = NULL WHERE device_id = ?")) {
                for (int i = 0; i < devices.size(); i++) {
                    ps.setString(1, devices.get(i).unitCode());
                    ps.setLong(2, now.toEpochMilli());
                    ps.setString(3, by);
                    ps.setString(4, hash(issued.get(i).code().secret()));
                    ps.setLong(5, expires.toEpochMilli());
                    ps.setString(6, devices.get(i).deviceId());
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] == 0) {
                        fresh.add(i);
                    }
                }
            }
            if (!fresh.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO device_enrollment (device_id, unit_code, "
                        + "registered_at, registered_by, code_hash, code_expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                    for (int i : fresh) {
                        ps.setString(1, devices.get(i).deviceId());
                        ps.setString(2, devices.get(i).unitCode());
                        ps.setLong(3, now.toEpochMilli());
                        ps.setString(4, by);
                        ps.setString(5, hash(issued.get(i).code().secret()));
                        ps.setLong(6, expires.toEpochMilli());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            return null;
        });
        if (devices.size() == 1) {
            LOG.info("Device '{}' registered for unit {} by {}; enrollment code valid until {}", devices.get(0).deviceId(),
                    devices.get(0).unitCode(), by, expires);
        } else {
            LOG.info("{} devices registered by {}; enrollment codes valid until {}", devices.size(), by, expires);
        }
        return issued;
    }

    /** The checks every registration makes; a device id or unit that fails is named. */
    static void checkDevice(String deviceId, String unitCode) {
        EventRules.checkDeviceId(deviceId).ifPresent(p -> {
            throw new EnrollmentException(EnrollmentException.Reason.INVALID, p);
        });
        if (unitCode == null || !unitCode.matches("[A-Za-z0-9._\\-]{1,64}")) {
            throw new EnrollmentException(EnrollmentException.Reason.INVALID,
                    "unit must be 1–64 characters of [A-Za-z0-9._-], was '" + unitCode + "'");
        }
    }

    /**
     * Exchanges a code's secret for the device's credential. Works once, before expiry; a concurrent second use
     * loses. Returns only after the exchange is committed.
     *
     * <p>Enrollments arriving together share one transaction and one commit (group commit): a roll-out morning's
     * devices each paid a connection, a write lock and an fsync of their own, so at most a few dozen a second got
     * through and, under load, some waited past the store's busy timeout and were told to retry. The caller that
     * finds the writer free writes every enrollment queued so far; the others find theirs done.
     *
     * @throws EnrollmentException (CODE_REFUSED) when the code is unknown, used or expired
     * @throws StoreException when the store cannot write now (nothing was used up: the code still works)
     */
    public Enrollment enroll(String codeSecret) {
        PendingEnrollment mine = new PendingEnrollment(
                hash(codeSecret == null ? "" : codeSecret.strip().toUpperCase(java.util.Locale.ROOT)), newSecret());
        queued.add(mine);
        while (!mine.result.isDone()) {
            enrollWriter.lock();
            try {
                if (!mine.result.isDone()) {
                    writeQueuedEnrollments(); // the oldest batch first: ours is written by this or a later turn
                }
            } finally {
                enrollWriter.unlock();
            }
        }
        Enrollment enrollment;
        try {
            enrollment = mine.result.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof EnrollmentException refused) {
                throw refused; // made for this code alone
            }
            // One failure shared by the batch: a fresh exception for this caller's stack.
            throw new StoreException(String.valueOf(e.getCause().getMessage()), e.getCause());
        }
        LOG.info("Device '{}' enrolled (unit {})", enrollment.deviceId(), enrollment.unitCode());
        return enrollment;
    }

    /** Most enrollments one transaction takes (a bound on how long the first of them waits). */
    static final int ENROLL_BATCH = 512;

    private final java.util.concurrent.ConcurrentLinkedQueue<PendingEnrollment> queued = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.locks.ReentrantLock enrollWriter = new java.util.concurrent.locks.ReentrantLock();

    /** One code waiting for the writer: its hash, the credential it will get, and the outcome. */
    private record PendingEnrollment(String codeHash, String secret, java.util.concurrent.CompletableFuture<Enrollment> result) {
        PendingEnrollment(String codeHash, String secret) {
            this(codeHash, secret, new java.util.concurrent.CompletableFuture<>());
        }
    }

    /** Holding {@link #enrollWriter}: writes the queued enrollments, a batch per transaction, until none is left. */
    private void writeQueuedEnrollments() {
        List<PendingEnrollment> batch = new ArrayList<>();
        for (PendingEnrollment p; batch.size() < ENROLL_BATCH && (p = queued.poll()) != null; ) {
            batch.add(p);
        }
        if (batch.isEmpty()) {
            return;
        }
        long now = clock.millis();
        List<Object> outcomes;
        try {
            outcomes = inTransaction(c -> {
                List<Object> out = new ArrayList<>(batch.size());
                // The write comes first: on SQLite a transaction that reads and then writes cannot wait for another
                // writer (its snapshot is stale: SQLITE_BUSY at once, whatever busy_timeout says). A second use of a
                // code, in this batch or a later one, finds it gone and loses.
                try (PreparedStatement use = c.prepareStatement("UPDATE device_enrollment SET code_hash = NULL, "
                        + "code_expires_at = NULL, credential_hash = ?, enrolled_at = ? WHERE code_hash = ? AND code_expires_at > ? "
                        + "RETURNING device_id, unit_code");
                     PreparedStatement expired = c.prepareStatement("SELECT code_expires_at FROM device_enrollment WHERE code_hash = ?")) {
                    for (PendingEnrollment p : batch) {
                        out.add(useCode(use, expired, p, now));
                    }
                }
                return out;
            });
        } catch (RuntimeException | Error e) {
            // Rolled back: no code of the batch was used; each caller is told the store could not enroll now.
            batch.forEach(p -> p.result().completeExceptionally(e));
            if (e instanceof Error error) {
                throw error;
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Object o = outcomes.get(i);
            if (o instanceof Enrollment e) {
                batch.get(i).result().complete(e);
            } else {
                batch.get(i).result().completeExceptionally((EnrollmentException) o);
            }
        }
    }

    /** One code of a batch: the enrollment, or the refusal (returned, not thrown: the batch's others go on). */
    private static Object useCode(PreparedStatement use, PreparedStatement expired, PendingEnrollment p, long now)
            throws SQLException {
        use.setString(1, hash(p.secret()));
        use.setLong(2, now);
        use.setString(3, p.codeHash());
        use.setLong(4, now);
        try (ResultSet rs = use.executeQuery()) {
            if (rs.next()) {
                return new Enrollment(rs.getString(1), p.secret(), rs.getString(2));
            }
        }
        expired.setString(1, p.codeHash());
        try (ResultSet rs = expired.executeQuery()) {
            if (rs.next()) {
                return new EnrollmentException(EnrollmentException.Reason.CODE_REFUSED, "this enrollment code expired at "
                        + Instant.ofEpochMilli(rs.getLong(1)) + "; ask an admin for a new one (./kiosk06 admin device add)");
            }
        }
        // unknown, or used (perhaps concurrently)
        return new EnrollmentException(EnrollmentException.Reason.CODE_REFUSED,
                "this enrollment code is unknown or was already used; ask an admin for a new one");
    }

    /** Checks a sync call's credential; reads the table every time, so a revocation counts from the next call. */
    public DeviceAuthentication authenticate(String deviceId, String secret) {
        // On every sync call: a read that never waits behind writers (SQLite WAL readers see the last commit).
        return inTransaction(database::connectForReads, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT credential_hash, revoked_at FROM device_enrollment WHERE device_id = ?")) {
                ps.setString(1, deviceId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return DeviceAuthentication.UNKNOWN_DEVICE;
                    }
                    String stored = rs.getString(1);
                    rs.getLong(2);
                    boolean revoked = !rs.wasNull();
                    if (stored == null) {
                        return revoked ? DeviceAuthentication.WRONG_SECRET : DeviceAuthentication.NOT_ENROLLED;
                    }
                    boolean matches = MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII),
                            hash(secret == null ? "" : secret).getBytes(StandardCharsets.US_ASCII));
                    if (!matches) {
                        // Checked before revocation: only the device itself learns that it was revoked.
                        return DeviceAuthentication.WRONG_SECRET;
                    }
                    return revoked ? DeviceAuthentication.REVOKED : DeviceAuthentication.ACCEPTED;
                }
            }
        });
    }

    /**
     * The key of the device's keyed event chain, derived from the credential hash this registry keeps (the device
     * derives the same from its secret, see {@link ChainKey}); empty for a device that is not enrolled (never, or
     * registered again since). Reads the table every time: a new enrollment brings a new key at once.
     */
    public Optional<ChainKey> chainKey(String deviceId) {
        return inTransaction(database::connectForReads, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT credential_hash FROM device_enrollment WHERE device_id = ?")) {
                ps.setString(1, deviceId);
                try (ResultSet rs = ps.executeQuery()) {
                    String hash = rs.next() ? rs.getString(1) : null;
                    return Optional.ofNullable(hash).map(ChainKey::fromCredentialHashHex);
                }
            }
        });
    }

    /**
     * Revokes a device: its next call is refused, and its pending code (if any) stops working.
     *
     * @return true if it was revoked now, false if it already was
     * @throws EnrollmentException (UNKNOWN_DEVICE) when there is no such device
     */
    public boolean revoke(String deviceId, String by) {
        boolean revoked = inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE device_enrollment SET revoked_at = ?, revoked_by = ?, "
                    + "code_hash = NULL, code_expires_at = NULL WHERE device_id = ? AND revoked_at IS NULL")) {
                ps.setLong(1, clock.millis());
                ps.setString(2, by);
                ps.setString(3, deviceId);
                if (ps.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM device_enrollment WHERE device_id = ?")) {
                ps.setString(1, deviceId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new EnrollmentException(EnrollmentException.Reason.UNKNOWN_DEVICE,
                                "no device '" + deviceId + "' is registered");
                    }
                }
            }
            return false;
        });
        if (revoked) {
            LOG.info("Device '{}' revoked by {}", deviceId, by);
        }
        return revoked;
    }

    /**
     * Records that an admin placed a registered device under {@code unitCode}, so the registry's unit (who may list,
     * revoke or re-register it) follows the device's place in the tree. Does nothing for an unregistered device.
     */
    public void reassign(String deviceId, String unitCode) {
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE device_enrollment SET unit_code = ? WHERE device_id = ?")) {
                ps.setString(1, unitCode);
                ps.setString(2, deviceId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static final String DEVICE_COLUMNS = "SELECT device_id, unit_code, registered_at, registered_by, "
            + "code_expires_at, enrolled_at, revoked_at, revoked_by, credential_hash FROM device_enrollment ";

    /** Every registered device, by id. */
    public List<RegisteredDevice> list() {
        return inTransaction(database::connectForReads, c -> {
            List<RegisteredDevice> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(DEVICE_COLUMNS + "ORDER BY device_id");
                 ResultSet rs = ps.executeQuery()) {
                long now = clock.millis();
                while (rs.next()) {
                    out.add(device(rs, now));
                }
            }
            return out;
        });
    }

    /** One device by id (a primary-key lookup, not a scan); empty when it is not registered. */
    public Optional<RegisteredDevice> find(String deviceId) {
        // Also the open upload stream's re-check: a read that must not queue behind writers for the write lock.
        return inTransaction(database::connectForReads, c -> {
            try (PreparedStatement ps = c.prepareStatement(DEVICE_COLUMNS + "WHERE device_id = ?")) {
                ps.setString(1, deviceId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(device(rs, clock.millis())) : Optional.empty();
                }
            }
        });
    }

    private static RegisteredDevice device(ResultSet rs, long now) throws SQLException {
        Optional<Instant> expires = instant(rs, 5);
        Optional<Instant> enrolled = instant(rs, 6);
        Optional<Instant> revokedAt = instant(rs, 7);
        RegisteredDevice.State state = revokedAt.isPresent() ? RegisteredDevice.State.REVOKED
                : rs.getString(9) != null ? RegisteredDevice.State.ENROLLED
                : expires.isPresent() && expires.get().toEpochMilli() > now ? RegisteredDevice.State.PENDING
                : RegisteredDevice.State.CODE_EXPIRED;
        return new RegisteredDevice(rs.getString(1), rs.getString(2), state, Instant.ofEpochMilli(rs.getLong(3)),
                rs.getString(4), expires, enrolled, revokedAt, Optional.ofNullable(rs.getString(8)));
    }

    private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
    }

    private String newSecret() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        return inTransaction(database::connect, work);
    }

    private <T> T inTransaction(Connect connect, Work<T> work) {
        try (Connection c = connect.connect()) {
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("device registry: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Connect {
        Connection connect() throws SQLException;
    }
}
