package vn.kiosk06.server.enroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.server.db.SqliteDatabase;
import vn.kiosk06.wire.EnrollmentCode;

/** The device registry on a real, migrated SQLite database, with a clock the test moves. */
class DeviceRegistryTest {

    @TempDir
    Path dir;
    SqliteDatabase db;
    MutableClock clock = new MutableClock(Instant.parse("2026-11-23T08:00:00Z"));
    DeviceRegistry registry;
    final byte[] fingerprint = new byte[32];

    @BeforeEach
    void open() {
        db = SqliteDatabase.open(dir);
        registry = new DeviceRegistry(db, clock, new SecureRandom(), () -> fingerprint);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void code_exchangedOnce_forACredentialThatAuthenticates() {
        IssuedCode issued = registry.register("kiosk-1", "PQ-DD", Duration.ofHours(24));
        assertThat(EnrollmentCode.parse(issued.code().text()).secret()).isEqualTo(issued.code().secret());

        Enrollment e = registry.enroll(issued.code().secret());

        assertThat(e.deviceId()).isEqualTo("kiosk-1");
        assertThat(e.unitCode()).isEqualTo("PQ-DD");
        assertThat(registry.authenticate("kiosk-1", e.deviceSecret())).isEqualTo(DeviceAuthentication.ACCEPTED);
        assertThat(registry.authenticate("kiosk-1", e.deviceSecret() + "x")).isEqualTo(DeviceAuthentication.WRONG_SECRET);
        assertThat(registry.authenticate("kiosk-2", e.deviceSecret())).isEqualTo(DeviceAuthentication.UNKNOWN_DEVICE);
        assertThatThrownBy(() -> registry.enroll(issued.code().secret()))
                .isInstanceOf(EnrollmentException.class).hasMessageContaining("already used");
        assertThat(registry.list()).singleElement().satisfies(d -> {
            assertThat(d.state()).isEqualTo(RegisteredDevice.State.ENROLLED);
            assertThat(d.enrolledAt()).contains(clock.instant());
        });
    }

    @Test
    void manyDevicesEnrollingAtOnce_allGetTheirCredential() throws Exception {
        // A district's roll-out morning (or bench scale's 5,000 devices): enrollments arrive concurrently, each on
        // its own connection to the store, while the store also writes other things. None may be refused.
        int n = 40;
        java.util.List<IssuedCode> codes = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            codes.add(registry.register("kiosk-" + i, "PQ", Duration.ofHours(1)));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<Enrollment>> done = new java.util.ArrayList<>();
            for (IssuedCode c : codes) {
                done.add(pool.submit(() -> registry.enroll(c.code().secret())));
            }
            for (int i = 0; i < n; i++) {
                Enrollment e = done.get(i).get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(e.deviceId()).isEqualTo("kiosk-" + i);
                assertThat(registry.authenticate("kiosk-" + i, e.deviceSecret())).isEqualTo(DeviceAuthentication.ACCEPTED);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(registry.list()).extracting(RegisteredDevice::state).containsOnly(RegisteredDevice.State.ENROLLED);
    }

    @Test
    void code_typedInLowerCase_stillWorks() {
        IssuedCode issued = registry.register("kiosk-1", "PQ-DD", Duration.ofHours(1));

        assertThat(registry.enroll(" " + issued.code().secret().toLowerCase() + " ").deviceId()).isEqualTo("kiosk-1");
    }

    @Test
    void code_expired_isRefusedAndListedAsExpired() {
        IssuedCode issued = registry.register("kiosk-1", "PQ-DD", Duration.ofMinutes(30));
        clock.advance(Duration.ofMinutes(30));

        assertThatThrownBy(() -> registry.enroll(issued.code().secret()))
                .isInstanceOf(EnrollmentException.class).hasMessageContaining("expired at 2026-11-23T08:30:00Z");
        assertThat(registry.list()).singleElement()
                .satisfies(d -> assertThat(d.state()).isEqualTo(RegisteredDevice.State.CODE_EXPIRED));
        assertThat(registry.authenticate("kiosk-1", "anything")).isEqualTo(DeviceAuthentication.NOT_ENROLLED);
    }

    @Test
    void revoke_refusesTheCredential_andAPendingCode() {
        Enrollment e = registry.enroll(registry.register("kiosk-1", "PQ-DD", Duration.ofHours(1)).code().secret());
        IssuedCode pending = registry.register("kiosk-2", "PQ-DD", Duration.ofHours(1));

        assertThat(registry.revoke("kiosk-1", "alice")).isTrue();
        assertThat(registry.revoke("kiosk-1", "alice")).isFalse();
        registry.revoke("kiosk-2", "alice");

        assertThat(registry.authenticate("kiosk-1", e.deviceSecret())).isEqualTo(DeviceAuthentication.REVOKED);
        assertThat(registry.authenticate("kiosk-1", "guess")).as("only the device itself learns it was revoked")
                .isEqualTo(DeviceAuthentication.WRONG_SECRET);
        assertThatThrownBy(() -> registry.enroll(pending.code().secret())).isInstanceOf(EnrollmentException.class);
        assertThat(registry.list()).allSatisfy(d -> {
            assertThat(d.state()).isEqualTo(RegisteredDevice.State.REVOKED);
            assertThat(d.revokedBy()).contains("alice");
        });
        assertThatThrownBy(() -> registry.revoke("kiosk-9", "alice"))
                .isInstanceOf(EnrollmentException.class).hasMessage("no device 'kiosk-9' is registered");
    }

    @Test
    void find_returnsOneDeviceWithItsState_orEmpty() {
        registry.enroll(registry.register("kiosk-1", "PQ-DD", Duration.ofHours(1)).code().secret());
        registry.register("kiosk-2", "PQ-AT", Duration.ofHours(1));
        registry.revoke("kiosk-1", "alice");

        assertThat(registry.find("kiosk-1")).hasValueSatisfying(d -> {
            assertThat(d.unitCode()).isEqualTo("PQ-DD");
            assertThat(d.state()).isEqualTo(RegisteredDevice.State.REVOKED);
            assertThat(d.revokedBy()).contains("alice");
        });
        assertThat(registry.find("kiosk-2")).hasValueSatisfying(d -> assertThat(d.state()).isEqualTo(RegisteredDevice.State.PENDING));
        clock.advance(Duration.ofHours(1));
        assertThat(registry.find("kiosk-2")).hasValueSatisfying(d -> assertThat(d.state()).isEqualTo(RegisteredDevice.State.CODE_EXPIRED));
        assertThat(registry.find("kiosk-9")).isEmpty();
        assertThat(registry.list()).containsExactly(registry.find("kiosk-1").orElseThrow(), registry.find("kiosk-2").orElseThrow());
    }

    @Test
    void registerAgain_replacesTheOldCredential() {
        Enrollment old = registry.enroll(registry.register("kiosk-1", "PQ-DD", Duration.ofHours(1)).code().secret());

        Enrollment fresh = registry.enroll(registry.register("kiosk-1", "PQ-AT", Duration.ofHours(1)).code().secret());

        assertThat(registry.authenticate("kiosk-1", old.deviceSecret())).isEqualTo(DeviceAuthentication.WRONG_SECRET);
        assertThat(registry.authenticate("kiosk-1", fresh.deviceSecret())).isEqualTo(DeviceAuthentication.ACCEPTED);
        assertThat(fresh.unitCode()).isEqualTo("PQ-AT");
    }

    @Test
    void badArguments_areRefusedByName() {
        assertThatThrownBy(() -> registry.register("kiosk 1", "PQ", Duration.ofHours(1))).hasMessageContaining("device_id");
        assertThatThrownBy(() -> registry.register("kiosk-1", "", Duration.ofHours(1))).hasMessageContaining("unit must be");
        assertThatThrownBy(() -> registry.register("kiosk-1", "PQ", Duration.ofDays(31))).hasMessageContaining("at most 30 days");
        assertThatThrownBy(() -> registry.register("kiosk-1", "PQ", Duration.ofHours(1), "a", Optional.of("no-port")))
                .hasMessageContaining("host:port");
    }

    @Test
    void database_holdsNoSecretInTheClear() throws Exception {
        IssuedCode pending = registry.register("kiosk-2", "PQ-DD", Duration.ofHours(1));
        Enrollment e = registry.enroll(registry.register("kiosk-1", "PQ-DD", Duration.ofHours(1)).code().secret());

        String files = "";
        for (String name : new String[] {"kiosk06.db", "kiosk06.db-wal"}) {
            Path f = dir.resolve(name);
            if (Files.exists(f)) {
                files += new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            }
        }
        assertThat(files).contains("kiosk-1").doesNotContain(e.deviceSecret()).doesNotContain(pending.code().secret());
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /**
     * Every sync call checks the registry, and an open upload stream re-checks it: those reads must not queue for
     * SQLite's write lock behind a long write (ingest rounds, other writers), or thousands of devices miss deadlines.
     */
    @Test
    void checksOnTheSyncPath_doNotWaitForAWriterHoldingTheLock() throws Exception {
        IssuedCode code = registry.register("kiosk-lock", "PQ", Duration.ofHours(1));
        String secret = registry.enroll(code.code().secret()).deviceSecret();
        try (java.sql.Connection writer = db.connect()) {
            // A write transaction in progress: holds the write lock until it commits.
            try (var p = writer.prepareStatement("UPDATE device_enrollment SET unit_code = unit_code WHERE 0 = 1")) {
                p.executeUpdate();
            }
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(3), () -> {
                assertThat(registry.authenticate("kiosk-lock", secret)).isEqualTo(DeviceAuthentication.ACCEPTED);
                assertThat(registry.find("kiosk-lock")).isPresent();
                assertThat(registry.list()).hasSize(1);
            });
            writer.rollback();
        }
    }
}
