package vn.kiosk06.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import vn.kiosk06.client.config.ClientConfigFile;
import vn.kiosk06.hardware.gpio.GpioProviderChoice;

/**
 * The training run behind the device's class-data sharing archive: the wrapper ({@code kiosk06-client}) runs it
 * once per jar and JVM with {@code -XX:ArchiveClassesAtExit}, so the JVM records every class a start and the first
 * requests load, and later starts map them from the archive instead of loading them from the jar.
 *
 * <p>Starts the real app in a throw-away data directory (insecure, GPIO as off a Pi, its server on a port nobody
 * listens on, so nothing leaves the machine), asks the local API what the screens and a health probe ask, journals
 * one event, stops the app and exits. Not {@code /prometheus}: its classes are loaded only on a device that is
 * scraped, and every archived class costs resident memory on every device. Exit code 0 when the app answered, 1
 * otherwise (the wrapper then keeps no archive).
 */
public final class ArchiveTraining {

    private ArchiveTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("kiosk06-archive-training-");
        int code = 1;
        try {
            Path config = dir.resolve("client.yml");
            Files.writeString(config, String.join("\n", "device-id: archive-training", "server: 127.0.0.1:" + closedPort(),
                    "data-dir: " + dir.resolve("data"), "http-port: 0", "mode: kiosk", "gpio: " + trainingGpio(),
                    "insecure: true", ""));
            ClientApp app = ClientMain.start(ClientConfigFile.load(config));
            try {
                int port = app.port();
                for (String path : List.of("/health", "/api/v1/status", "/api/v1/kiosk", "/")) {
                    request(port, "GET", path, "");
                }
                code = request(port, "POST", "/api/v1/events",
                        "{\"reception\":{\"caseType\":\"BHYT\",\"department\":\"NOI\"}}").startsWith("HTTP/1.1 201") ? 0 : 1;
            } finally {
                app.close();
            }
        } finally {
            deleteTree(dir);
        }
        // The archive is written as the JVM exits; exit now rather than wait for stray non-daemon threads.
        System.exit(code);
    }

    /**
     * One HTTP/1.1 exchange over a plain socket; the response's status line. Not java.net.http: its ~300 classes
     * (and the TLS setup it does) would go into the archive, and the app itself never loads them.
     */
    private static String request(int port, String method, String path, String body) throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + content.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return response.lines().findFirst().orElse("");
        }
    }

    /**
     * GPIO as the app will run it where no real pins are (Pi4J's mock board, ~200 classes at start), so those
     * classes are archived; off on a Pi, where the training run must not drive the real light and buzzer.
     */
    private static String trainingGpio() {
        return GpioProviderChoice.forThisMachine().gpiod() ? "off" : "auto";
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
