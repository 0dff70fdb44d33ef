package vn.kiosk06.server.files;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import vn.kiosk06.server.RunningServer;
import vn.kiosk06.server.TestEvents;
import vn.kiosk06.server.Uploads;
import vn.kiosk06.server.backup.Progress;
import vn.kiosk06.server.backup.StoreBackup;
import vn.kiosk06.server.enroll.AuthenticatedDevice;
import vn.kiosk06.server.enroll.DeviceRegistry;
import vn.kiosk06.server.enroll.Enrollment;
import vn.kiosk06.server.logging.OptionalRollingFileAppender;

/**
 * What a server run leaves on disk outside the Debian packages (the process umask here is the usual 022): every file
 * owner-only (0600), every directory 0700 — the store with its WAL, the TLS key and certificate, the citizen key, the
 * lock, the org units the dashboard saved, a backup and the log files.
 */
class DataFilePermissionsTest {

    static final String NEW_UNIT = "{\"code\":\"TT-PQ2\",\"name\":\"Trạm y tế\",\"level\":\"FACILITY\",\"parent\":\"PQ\",\"goLive\":\"\"}";

    @TempDir
    Path dir;
    RunningServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aSecureServerRun_enrollSyncEditAndBackup_leavesOnlyOwnerOnlyFilesAndDirectories() throws Exception {
        Path data = dir.resolve("srv").resolve("data");
        server = RunningServer.secure(data, Map.of());
        DeviceRegistry registry = server.bean(DeviceRegistry.class);
        Enrollment device = registry.enroll(registry.register("kiosk-perm", "PQ", Duration.ofHours(1)).code().secret());
        Metadata credential = new Metadata();
        credential.put(AuthenticatedDevice.DEVICE_ID, "kiosk-perm");
        credential.put(AuthenticatedDevice.DEVICE_SECRET, device.deviceSecret());
        Uploads.upload(ClientInterceptors.intercept(server.channel(), MetadataUtils.newAttachHeadersInterceptor(credential)),
                TestEvents.batch("kiosk-perm", 1, 20));
        assertThat(server.loginAdmin().post("/api/v1/admin/units", NEW_UNIT).statusCode()).isEqualTo(200);
        Path backup = dir.resolve("backups").resolve("kiosk06.db");
        StoreBackup.backup(data, backup, Progress.silent());

        assertThat(Files.exists(data.resolve("kiosk06.db-wal"))).as("the WAL is there to be checked").isTrue();
        assertOwnerOnly(dir.resolve("srv"));
        assertOwnerOnly(dir.resolve("backups"));
    }

    @Test
    void logFiles_areOwnerOnly_inADirectoryTheAppenderCreates() throws Exception {
        Path logs = dir.resolve("logs");
        OptionalRollingFileAppender<ILoggingEvent> appender = new OptionalRollingFileAppender<>();
        appender.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        appender.setDir(logs.toString());
        appender.openFile(logs.resolve("kiosk06-server.log").toString());
        appender.stop();

        assertOwnerOnly(logs);
    }

    /** Every directory under {@code root} (itself included) is 0700 and every file 0600. */
    static void assertOwnerOnly(Path root) throws IOException {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(root)) {
            all = walk.toList();
        }
        assertThat(all).hasSizeGreaterThan(1);
        for (Path p : all) {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(p);
            String expected = Files.isDirectory(p) ? "rwx------" : "rw-------";
            assertThat(PosixFilePermissions.toString(mode)).as(p.toString()).isEqualTo(expected);
        }
    }
}
