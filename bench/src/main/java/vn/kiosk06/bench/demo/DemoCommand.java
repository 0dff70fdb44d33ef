package vn.kiosk06.bench.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.kiosk06.bench.scale.ServerProcess;
import vn.kiosk06.client.enroll.Enroller;
import vn.kiosk06.client.enroll.PinnedTrustManager;
import vn.kiosk06.hardware.reader.ReaderProfile;
import vn.kiosk06.hardware.serial.Framing;
import vn.kiosk06.hardware.serial.SerialLine;
import vn.kiosk06.hardware.serial.SerialPortConfig;
import vn.kiosk06.hardware.sim.ReaderSimulator;
import vn.kiosk06.server.main.ServerMain;
import vn.kiosk06.server.admin.AdminCommand;
import vn.kiosk06.server.tls.ServerIdentity;
import vn.kiosk06.wire.EnrollmentCode;

/**
 * {@code ./kiosk06 demo}: the whole system on this machine, secure as deployed. The admin registers a kiosk and a
 * field device (one-time codes), the server runs TLS, each device enrolls and pins the server's certificate; a
 * simulated QR scanner sends cards to the kiosk over a pseudo-terminal (when socat is installed); a morning of
 * patients and a door-to-door round go through the devices' local APIs; both sync. Progress goes to stderr, the
 * summary (what the server holds, where to look) to stdout. The server and devices are the built jars as child
 * processes; the admin steps and enrollment run in this JVM, as {@code kiosk06-server admin} and the client's
 * enroll would.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a secure server and two simulated devices (kiosk, field team) that sync; print where to look.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--dir", defaultValue = ".demo", description = "Data and logs (emptied first; default ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--once", description = "Stop after the summary instead of running until Ctrl-C.")
    boolean once;

    @Option(names = "--patients", defaultValue = "120", description = "Patients received at the kiosk (default ${DEFAULT-VALUE}).")
    int patients;

    @Option(names = "--citizens", defaultValue = "60", description = "Citizens the field team helps (default ${DEFAULT-VALUE}).")
    int citizens;

    private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    /** Why the demo cannot go on; the message names the log to read. */
    static final class DemoFailed extends RuntimeException {
        DemoFailed(String message) {
            super(message);
        }
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        try {
            return run();
        } catch (DemoFailed e) {
            System.err.println("[kiosk06] error: " + e.getMessage());
            return 1;
        }
    }

    private int run() throws IOException, InterruptedException {
        Path serverJar = ServerProcess.jar();
        Path clientJar = jar("kiosk06.client.jar");
        Path root = dir.toAbsolutePath().normalize();
        deleteTree(root);
        Files.createDirectories(root);
        Path serverDir = root.resolve("server");
        int grpc = freePort();
        int http = freePort();
        String grpcAddress = "127.0.0.1:" + grpc;

        // A throw-away dashboard admin for this demo (there is no default password): random, shown once below.
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        admin(root, password + "\n", "user", "add", "--data-dir", serverDir.toString(), "--name", "demo", "--role", "admin",
                "--unit", "ROOT");
        // Secure like a deployment: the admin registers both devices (this also makes the server's self-signed
        // certificate), the server runs TLS, each device enrolls with its one-time code and pins the certificate.
        List<String> codes = new ArrayList<>();
        for (String dev : List.of("kiosk", "field")) {
            String printed = admin(root, "", "device", "add", "--data-dir", serverDir.toString(), "--device-id",
                    "demo-" + dev + "-01", "--unit", "PQ", "--valid", "1h", "--address", grpcAddress);
            codes.add(printed.lines().map(String::strip).filter(l -> l.startsWith("K6-")).findFirst()
                    .orElseThrow(() -> new DemoFailed("could not register demo-" + dev + "-01; see " + root.resolve("admin.log"))));
        }
        Path cacert = serverDir.resolve("tls").resolve("server.crt");
        HttpClient https = pinned(ServerIdentity.load(serverDir, null, null).fingerprint());
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        try (DemoProcesses processes = new DemoProcesses()) {
            say("starting the server (TLS, embedded SQLite store in " + serverDir + ") …");
            Process server = processes.start(List.of(ServerProcess.javaBinary(), "-jar", serverJar.toString(), "--data-dir",
                    serverDir.toString(), "--grpc-port", String.valueOf(grpc), "--http-port", String.valueOf(http)),
                    Map.of(), root.resolve("server.log"));
            String serverUrl = "https://127.0.0.1:" + http;
            await(120, () -> server.isAlive() && answers(https, serverUrl + "/health"),
                    "the server did not answer within 2 minutes; see " + root.resolve("server.log"));

            for (int i = 0; i < 2; i++) {
                String dev = i == 0 ? "kiosk" : "field";
                try {
                    Enroller.enroll(EnrollmentCode.parse(codes.get(i)), grpcAddress, root.resolve(dev), "0.1.0");
                } catch (Enroller.EnrollmentFailed e) {
                    throw new DemoFailed("demo-" + dev + "-01 could not enroll: " + e.getMessage());
                }
            }
            say("both devices enrolled (credentials in " + root.resolve("kiosk") + " and " + root.resolve("field")
                    + ", 0600; server certificate pinned)");

            // The kiosk's QR scanner is one end of a pseudo-terminal pair; the reader simulator plays the scanner on
            // the other.
            Path scanner = root.resolve("ttyQR");
            Path scannerSim = root.resolve("ttyQR-sim");
            boolean serial = serialPair(processes, root, scanner, scannerSim);

            List<DeviceApi> devices = new ArrayList<>();
            for (String dev : List.of("kiosk", "field")) {
                int port = freePort();
                Path config = Files.writeString(root.resolve(dev + ".yml"), String.join("\n", "device-id: demo-" + dev + "-01",
                        "server: " + grpcAddress, "data-dir: " + root.resolve(dev), "http-port: " + port, "mode: " + dev,
                        "sync-interval: 5s", dev.equals("kiosk") && serial ? "qr-reader: " + scanner : "") + "\n");
                say("starting the " + dev + " device (journal in " + root.resolve(dev) + ") …");
                processes.start(List.of(ServerProcess.javaBinary(), "-jar", clientJar.toString(), "--config", config.toString()),
                        Map.of(), root.resolve(dev + ".log"));
                devices.add(new DeviceApi(plain, "http://127.0.0.1:" + port));
            }
            for (DeviceApi device : devices) {
                await(120, () -> device.backlog() >= 0, "a device did not start at " + device.base + "; see "
                        + root.resolve("kiosk.log") + " and " + root.resolve("field.log"));
            }
            DeviceApi kiosk = devices.get(0);
            DeviceApi field = devices.get(1);
            if (serial) {
                serialReads(kiosk, scannerSim, root.resolve("reader-sim.log"));
            }

            say("patients at the kiosk and a door-to-door team at work …");
            DemoTraffic traffic = new DemoTraffic(plain, new Random(6), out);
            traffic.kioskMorning(kiosk.base, patients);
            traffic.fieldRound(field.base, citizens);
            out.printf("%d events journaled durably on the devices%n", traffic.posted());

            say("waiting for both devices to sync …");
            for (DeviceApi device : devices) {
                await(120, () -> device.backlog() == 0, "still not synced after two minutes: " + device.base);
            }
            out.println("both devices synced: every event acknowledged by the server (backlog 0)");

            out.println();
            out.println("What the server holds now (GET " + serverUrl + "/api/v1/devices, logged in as demo):");
            login(https, serverUrl, password);
            out.printf("  %-16s %8s %10s %8s %12s %16s%n", "DEVICE", "STORED", "WATERMARK", "MISSING", "QUARANTINED",
                    "CLOCK OFFSET MS");
            for (JsonNode d : new ObjectMapper().readTree(get(https, serverUrl + "/api/v1/devices"))) {
                out.printf("  %-16s %8d %10d %8d %12d %16s%n", d.path("deviceId").asText(), d.path("eventsStored").asLong(),
                        d.path("watermark").asLong(), d.path("missing").size(), d.path("quarantined").asLong(),
                        d.path("clockMeasured").asBoolean() ? d.path("clockOffsetMs").asText() : "not measured");
            }
            out.println();
            out.println("Where to look:");
            out.println("  dashboard           " + serverUrl + "/dashboard/   (log in as demo / " + password
                    + "; self-signed: " + cacert + ")");
            out.println("  server REST API     " + serverUrl + "/api/v1/devices   (gRPC sync over TLS on " + grpcAddress + ")");
            out.println("  devices             ./kiosk06 server admin device list --data-dir " + serverDir);
            out.println("  report paragraph    ./kiosk06 server report --data-dir " + serverDir + " --unit PQ --period month:11@"
                    + YearMonth.now());
            out.println("  kiosk device API    " + kiosk.base + "/api/v1/status");
            out.println("  field device API    " + field.base + "/api/v1/status");
            out.println("  data and logs       " + root + "  (server.log, kiosk.log, field.log; the journals are SQLite files)");
            if (!once) {
                say("running; press Ctrl-C to stop.");
                server.waitFor();
                say("the server stopped (code " + server.exitValue() + "); see " + root.resolve("server.log"));
                return 1;
            }
            return 0;
        }
    }

    /** Runs {@code kiosk06-server admin ARGS} in this JVM (stdin {@code input}); its output, logged to admin.log. */
    private static String admin(Path root, String input, String... args) throws IOException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream to = new PrintStream(printed, true, StandardCharsets.UTF_8);
        List<String> all = new ArrayList<>(List.of("admin"));
        all.addAll(List.of(args));
        int code = ServerMain.commandLine(new AdminCommand(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                null, to, to)).setOut(new java.io.PrintWriter(to, true)).setErr(new java.io.PrintWriter(to, true))
                .execute(all.toArray(String[]::new));
        String text = printed.toString(StandardCharsets.UTF_8);
        Files.writeString(root.resolve("admin.log"), "$ kiosk06-server admin " + String.join(" ", args) + "\n" + text,
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        if (code != 0) {
            throw new DemoFailed("kiosk06-server admin " + args[0] + " " + args[1] + " failed; see " + root.resolve("admin.log"));
        }
        return text;
    }

    /** A socat pty pair for the kiosk's scanner; false (and a line saying why) where there is none. */
    private static boolean serialPair(DemoProcesses processes, Path root, Path scanner, Path scannerSim)
            throws IOException, InterruptedException {
        if (!onPath("socat")) {
            say("socat is not installed: skipping the serial card reads (apt-get install -y socat)");
            return false;
        }
        processes.start(List.of("socat", "pty,raw,echo=0,link=" + scanner, "pty,raw,echo=0,link=" + scannerSim), Map.of(),
                root.resolve("socat.log"));
        try {
            await(5, () -> Files.exists(scannerSim), "");
            return true;
        } catch (DemoFailed e) {
            say("socat did not make the pty pair; skipping the serial reads");
            return false;
        }
    }

    /** Plays a short reader script into the kiosk's QR scanner through the pty pair, and counts what arrived. */
    private void serialReads(DeviceApi kiosk, Path scannerSim, Path log) throws IOException, InterruptedException {
        try {
            await(10, kiosk::readerConnected, "");
        } catch (DemoFailed e) {
            say("the kiosk did not open its QR scanner port; skipping the serial reads");
            return;
        }
        say("scanning cards through the serial port (" + scannerSim + " → the kiosk's scanner) …");
        // A few patients scan their CCCD, one their BHYT card; one scan is garbage.
        List<String> script = List.of("qr-cccd 3", "wait 300", "qr-bhyt", "wait 300", "corrupt", "wait 300", "qr-cccd 2");
        int frames;
        try (PrintStream report = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8);
             SerialLine line = SerialLine.open(SerialPortConfig.of(scannerSim.toString(), Framing.LINE))) {
            frames = new ReaderSimulator(Framing.LINE, ReaderProfile.QR, new Random(6), bytes -> {
                line.write(bytes);
                line.awaitOutputDrained(Duration.ofSeconds(5));
            }, DemoCommand::pace, report).run(script);
        } catch (RuntimeException e) {
            say("the reader simulator failed (" + e.getMessage() + "); see " + log);
            return;
        }
        try {
            await(5, () -> sum(kiosk.reads()) >= frames, "");
        } catch (DemoFailed e) {
            // fewer arrived: the line below says how many
        }
        long[] reads = kiosk.reads();
        say(sum(reads) + " card reads came over the serial port (" + reads[0] + " OK, " + reads[1] + " failed; " + frames
                + " frames sent) and are CardRead events in the kiosk's journal");
    }

    private static long sum(long[] values) {
        return values[0] + values[1];
    }

    /** The scanner's pace between scans ({@code wait} in the script): the point of a simulator is to keep it. */
    private static void pace(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @FunctionalInterface
    interface Condition {
        boolean holds() throws IOException, InterruptedException;
    }

    /** Polls {@code condition} (child processes and ports: nothing to be notified by) until it holds or time is up. */
    private static void await(int seconds, Condition condition, String failure) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new DemoFailed(failure);
            }
            Thread.sleep(100);
        }
    }

    private static boolean answers(HttpClient http, String url) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static void login(HttpClient https, String base, String password) throws IOException, InterruptedException {
        String body = new ObjectMapper().createObjectNode().put("name", "demo").put("password", password).toString();
        HttpResponse<String> r = https.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/session"))
                .header("Content-Type", "application/json").header("Origin", base)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new DemoFailed("the demo's admin could not log in: " + r.statusCode() + " " + r.body());
        }
    }

    private static String get(HttpClient https, String url) throws IOException, InterruptedException {
        HttpResponse<String> r = https.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new DemoFailed("GET " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** HTTPS that trusts only the demo server's certificate (as the devices pin it), keeping the session cookie. */
    private static HttpClient pinned(byte[] fingerprint) {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new PinnedTrustManager(fingerprint)}, null);
            return HttpClient.newBuilder().sslContext(tls).cookieHandler(new CookieManager())
                    .connectTimeout(Duration.ofSeconds(2)).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JVM: " + e.getMessage(), e);
        }
    }

    private static Path jar(String property) {
        String value = System.getProperty(property);
        if (value == null || !new File(value).isFile()) {
            throw new DemoFailed(property + " (" + value + ") is missing: run this through ./kiosk06 demo, which builds "
                    + "the jars and passes their paths");
        }
        return Path.of(value);
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(File.pathSeparator)).anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void say(String line) {
        System.err.println("\033[1m[kiosk06]\033[0m " + line);
    }
}
