package vn.kiosk06.client;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import vn.kiosk06.client.config.ClientConfigFile;

/**
 * The training run behind the device's class-data sharing archive: the wrapper ({@code kiosk06-client}) runs it
 * once per jar and JVM with {@code -XX:ArchiveClassesAtExit}, so the JVM records every class a start and the first
 * requests load, and later starts map them from the archive instead of loading them from the jar.
 *
 * <p>Starts the real app in a throw-away data directory (insecure, GPIO off, its server on a port nobody listens
 * on, so nothing leaves the machine), asks the local API what the screens and a health probe ask, journals one
 * event, stops the app and exits. Not {@code /prometheus}: its classes are loaded only on a device that is scraped,
 * and every archived class costs resident memory on every device. Exit code 0 when the app answered, 1 otherwise (the wrapper then keeps no
 * archive).
 */
public final class ArchiveTraining {

    private ArchiveTraining() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("kiosk06-archive-training-");
        int code = 1;
        try {
            Path config = dir.resolve("client.yml");
            Files.writeString(config, String.join("\n", "device-id: archive-training", "server: 127.0.0.1:" + closedPort(),
                    "data-dir: " + dir.resolve("data"), "http-port: 0", "mode: kiosk", "gpio: off", "insecure: true", ""));
            ApplicationContext app = ClientMain.start(ClientConfigFile.load(config));
            try {
                String base = "http://127.0.0.1:" + app.getBean(EmbeddedServer.class).getPort();
                HttpClient http = HttpClient.newHttpClient();
                for (String path : List.of("/health", "/api/v1/status", "/api/v1/kiosk", "/")) {
                    http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.discarding());
                }
                HttpResponse<String> appended = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"reception\":{\"caseType\":\"BHYT\",\"department\":\"NOI\"}}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                code = appended.statusCode() == 201 ? 0 : 1;
            } finally {
                app.close();
            }
        } finally {
            deleteTree(dir);
        }
        // The archive is written as the JVM exits; exit now rather than wait for stray non-daemon threads.
        System.exit(code);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
