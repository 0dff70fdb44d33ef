package vn.kiosk06.bench.scale;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import vn.kiosk06.bench.simulate.TargetAddress;

/**
 * nginx started with the repository's {@code deploy/nginx/kiosk06-grpc.conf} (carried in this jar) in front of server
 * instances: the file's listen port, certificate paths and upstream servers are replaced by this run's, nothing else,
 * so what is measured and tested is the documented config. Runs in the foreground as a child process (one worker:
 * the machine is small), logs in the work directory; its access log names the instance each call went to.
 */
public final class NginxProxy implements AutoCloseable {

    /** Where Debian installs it; else found on the PATH. */
    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/sbin/nginx"), Path.of("/usr/local/sbin/nginx"));
    private static final String TEMPLATE = "/nginx/kiosk06-grpc.conf";

    private final Process process;
    private final int port;
    private final Path accessLog;
    private final Path errorLog;

    private NginxProxy(Process process, int port, Path accessLog, Path errorLog) {
        this.process = process;
        this.port = port;
        this.accessLog = accessLog;
        this.errorLog = errorLog;
    }

    /** The nginx binary, if installed ({@code apt-get install -y nginx}). */
    public static Optional<Path> binary() {
        for (Path p : CANDIDATES) {
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir, "nginx");
            if (!dir.isEmpty() && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The documented config, as shipped in {@code deploy/nginx/}. */
    static String template() {
        try (InputStream in = NginxProxy.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " is missing from the bench jar (bench/pom.xml copies deploy/nginx)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The documented config with this run's port, certificate and instances. Each line marked EDIT in the file is
     * replaced; one that is not found fails loudly, so the file and this harness cannot drift apart silently.
     */
    static String render(String template, int port, Path certificate, Path key, List<TargetAddress> instances,
                         OptionalInt callsPerAddress) {
        String servers = instances.stream()
                .map(t -> "    server " + t.host() + ":" + t.port() + " max_fails=3 fail_timeout=10s;")
                .collect(Collectors.joining("\n"));
        Map<String, String> edits = new HashMap<>();
        edits.put("(?m)^    listen 443 ssl http2;$", "    listen 127.0.0.1:" + port + " ssl http2;");
        edits.put("(?m)^    ssl_certificate     /etc/kiosk06/tls/server.crt;$", "    ssl_certificate     " + certificate + ";");
        edits.put("(?m)^    ssl_certificate_key /etc/kiosk06/tls/server.key;$", "    ssl_certificate_key " + key + ";");
        edits.put("(?m)^        grpc_ssl_trusted_certificate /etc/kiosk06/tls/server.crt;$",
                "        grpc_ssl_trusted_certificate " + certificate + ";");
        edits.put("(?m)(^    server 10\\.0\\.0\\.\\d+:50051 max_fails=3 fail_timeout=10s;\\n)+", servers + "\n");
        callsPerAddress.ifPresent(n -> edits.put("(?m)^    limit_conn kiosk06_per_address \\d+;$",
                "    limit_conn kiosk06_per_address " + n + ";"));
        String out = template;
        for (Map.Entry<String, String> e : edits.entrySet()) {
            Matcher m = Pattern.compile(e.getKey()).matcher(out);
            if (!m.find()) {
                throw new IllegalStateException("deploy/nginx/kiosk06-grpc.conf no longer has the line the harness edits: "
                        + e.getKey());
            }
            out = m.replaceFirst(Matcher.quoteReplacement(e.getValue()));
        }
        return out;
    }

    /**
     * Starts nginx in {@code dir} on a free port in front of {@code instances}; returns once it accepts connections.
     * {@code callsPerAddress}, when given, replaces the file's per-address limit (all simulated devices share this
     * machine's one address; the bench says so).
     */
    public static NginxProxy start(Path dir, Path certificate, Path key, List<TargetAddress> instances,
                                   OptionalInt callsPerAddress) throws IOException, InterruptedException {
        Path nginx = binary().orElseThrow(() -> new IllegalStateException("nginx is not installed (apt-get install -y nginx)"));
        Files.createDirectories(dir.resolve("temp"));
        int port = freePort();
        Path site = dir.resolve("kiosk06-grpc.conf");
        Files.writeString(site, render(template(), port, certificate.toAbsolutePath(), key.toAbsolutePath(), instances,
                callsPerAddress));
        Path accessLog = dir.resolve("access.log");
        Path errorLog = dir.resolve("error.log");
        // The main file Debian's nginx.conf would be: what the site file leaves to it. Root's workers stay root here
        // only because the temp directories are root's; a deployment keeps Debian's www-data.
        String main = (isRoot() ? "user root;\n" : "") + "worker_processes 1;\npid " + dir.resolve("nginx.pid") + ";\n"
                + "error_log " + errorLog + " warn;\nevents { worker_connections 4096; }\nhttp {\n"
                + "    log_format upstream '$status $request_time $request_uri $upstream_addr';\n"
                + "    access_log " + accessLog + " upstream;\n"
                + tempPaths(dir.resolve("temp"))
                + "    include " + site + ";\n}\n";
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, main);
        Process check = new ProcessBuilder(nginx.toString(), "-t", "-q", "-p", dir.toString(), "-c", conf.toString())
                .redirectErrorStream(true).start();
        String checkOut = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!check.waitFor(30, TimeUnit.SECONDS) || check.exitValue() != 0) {
            throw new IllegalStateException("nginx -t refused the config " + site + ": " + checkOut.strip());
        }
        Process p = new ProcessBuilder(nginx.toString(), "-p", dir.toString(), "-c", conf.toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("nginx exited at start (code " + p.exitValue() + "); see " + errorLog);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return new NginxProxy(p, port, accessLog, errorLog);
            } catch (IOException e) {
                Thread.sleep(50); // polling a child process's port: nothing to await on
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("nginx did not listen on " + port + " within 20 s; see " + errorLog);
    }

    private static String tempPaths(Path temp) {
        StringBuilder s = new StringBuilder();
        for (String kind : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            s.append("    ").append(kind).append("_temp_path ").append(temp.resolve(kind)).append(";\n");
        }
        return s.toString();
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    public TargetAddress target() {
        return new TargetAddress("127.0.0.1", port);
    }

    /** Calls per upstream address (the access log's {@code $upstream_addr}; a retried call counts for each it tried). */
    public Map<String, Long> callsPerUpstream() throws IOException {
        Map<String, Long> calls = new HashMap<>();
        if (Files.exists(accessLog)) {
            for (String line : Files.readAllLines(accessLog)) {
                String[] f = line.split(" ", 4);
                if (f.length < 4) {
                    continue;
                }
                // "a, b" when retried on the next instance, "a : b" across an internal redirect
                for (String u : f[3].split(",|:\\s")) {
                    if (!u.isBlank() && !"-".equals(u.strip())) {
                        calls.merge(u.strip(), 1L, Long::sum);
                    }
                }
            }
        }
        return calls;
    }

    /** Calls answered (HTTP 200) whose path contains {@code method} (e.g. {@code /Handshake}) in the access log so far. */
    public long calls(String method) throws IOException {
        if (!Files.exists(accessLog)) {
            return 0;
        }
        try (var lines = Files.lines(accessLog)) {
            return lines.filter(l -> l.startsWith("200 ") && l.contains(method)).count();
        }
    }

    /** Resident memory of nginx's processes (master and worker), bytes, from /proc; 0 where /proc does not say. */
    public long rssBytes() {
        List<Long> pids = new ArrayList<>(List.of(process.pid()));
        process.toHandle().children().forEach(c -> pids.add(c.pid()));
        long total = 0;
        for (long pid : pids) {
            total += ProcStat.rssBytes(pid);
        }
        return total;
    }

    Path errorLog() {
        return errorLog;
    }

    @Override
    public void close() {
        ServerProcess.stop(process);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
