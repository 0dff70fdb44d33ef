package vn.kiosk06.client.files;

import static org.assertj.core.api.Assertions.assertThat;

import vn.kiosk06.client.ClientApp;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the device app leaves in a data directory it creates itself (outside the Debian package, umask 022): the
 * directories 0700 and every file 0600 — the journal and its WAL, the flow and queue databases, the keys.
 */
class DataFilePermissionsTest {

    @TempDir
    Path dir;
    ClientApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aFreshDataDirectory_afterAnEventIsJournaled_holdsOnlyOwnerOnlyFilesAndDirectories() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Path dataDir = dir.resolve("var").resolve("kiosk06");
        app = ClientApp.start(Map.of(
                "kiosk06.client.device-id", "kiosk-pq-01",
                "kiosk06.client.server", "127.0.0.1:" + closedPort,
                "kiosk06.client.data-dir", dataDir.toString(),
                "kiosk06.client.sync-interval", "1h",
                "micronaut.server.port", -1));
        HttpResponse<String> saved = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + app.port() + "/api/v1/events"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reception\":{\"caseType\":\"BHYT\",\"department\":\"NOI\"}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(saved.statusCode()).isEqualTo(201);

        List<Path> all;
        try (Stream<Path> walk = Files.walk(dir.resolve("var"))) {
            all = walk.toList();
        }
        assertThat(all).as("the journal and its WAL are there to check")
                .anyMatch(p -> p.getFileName().toString().equals("journal.db"))
                .anyMatch(p -> p.getFileName().toString().equals("journal.db-wal"));
        for (Path p : all) {
            String expected = Files.isDirectory(p) ? "rwx------" : "rw-------";
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as(p.toString()).isEqualTo(expected);
        }
    }
}
