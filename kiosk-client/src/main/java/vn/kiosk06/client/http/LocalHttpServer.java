package vn.kiosk06.client.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device's local HTTP server (touchscreen page, local API, health and metrics) on the JDK's
 * {@code com.sun.net.httpserver}: one touchscreen and a monitoring agent are its only callers, so a few worker
 * threads and no framework. Serves the routes of a {@link Router} and the page assets under {@code /assets/} from
 * the jar's {@code public/assets}. A handler's exception is answered as the router maps it, a
 * {@link BadRequestException} 400, anything else 500 (logged); always {@code {"error": …}} JSON, never a trace.
 */
public final class LocalHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalHttpServer.class);
    /** Workers: an action may wait for the journal's disk commit, so the page and a scrape must not queue behind it. */
    private static final int THREADS = 3;
    static final String NODELAY = "sun.net.httpserver.nodelay";
    private static final Map<String, String> ASSET_TYPES = Map.of(
            "css", "text/css", "js", "application/javascript", "svg", "image/svg+xml", "png", "image/png",
            "html", "text/html;charset=utf-8", "woff2", "font/woff2", "ico", "image/x-icon");

    private final HttpServer server;
    private final ExecutorService workers;
    private final Router router;

    private LocalHttpServer(HttpServer server, ExecutorService workers, Router router) {
        this.server = server;
        this.workers = workers;
        this.router = router;
    }

    /**
     * Listens on {@code host:port} ({@code port} 0 or negative: any free port) and serves {@code router}.
     *
     * @throws IllegalStateException naming the address when it cannot listen (e.g. the port is in use)
     */
    public static LocalHttpServer start(String host, int port, Router router) {
        InetSocketAddress address = new InetSocketAddress(host, Math.max(port, 0));
        // The JDK server writes a response's headers and body in separate small writes, and leaves Nagle's algorithm
        // on unless told: the body then waits for the client's delayed ACK, ~40 ms per request on Linux (appends
        // through the API ran at 21/s instead of ~200/s). Read once, when the JDK's server config class loads.
        System.setProperty(NODELAY, System.getProperty(NODELAY, "true"));
        HttpServer server;
        try {
            server = HttpServer.create(address, 16);
        } catch (BindException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the local HTTP server on " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        LocalHttpServer local = new LocalHttpServer(server, workers, router);
        server.createContext("/", local::exchange);
        server.setExecutor(workers);
        server.start();
        return local;
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            HttpReply reply;
            try {
                reply = answer(exchange);
            } catch (RuntimeException e) {
                LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
                reply = HttpReply.json(500, new Problem("internal error"));
            }
            send(exchange, reply);
        }
    }

    /** What every refusal carries. */
    record Problem(String error) {
    }

    private HttpReply answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        if (path.startsWith("/assets/") && ("GET".equals(method) || "HEAD".equals(method))) {
            return asset(path);
        }
        Optional<Router.Handler> handler = router.find(method, path);
        if (handler.isEmpty()) {
            return router.pathKnown(path) ? HttpReply.json(405, new Problem("method not allowed: " + method + " " + path))
                    : HttpReply.json(404, new Problem("not found: " + path));
        }
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            return handler.get().handle(new HttpCall(method, path, exchange.getRequestHeaders(), body));
        } catch (BadRequestException e) {
            return HttpReply.json(400, new Problem(e.getMessage()));
        } catch (Exception e) {
            Optional<HttpReply> mapped = router.mapError(e);
            if (mapped.isPresent()) {
                return mapped.get();
            }
            LOG.error("{} {} failed", method, path, e);
            return HttpReply.json(500, new Problem(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private static HttpReply asset(String path) throws IOException {
        String name = path.substring("/assets/".length());
        if (name.isEmpty() || name.contains("..") || name.startsWith("/")) {
            return HttpReply.json(404, new Problem("not found: " + path));
        }
        try (InputStream in = LocalHttpServer.class.getClassLoader().getResourceAsStream("public/assets/" + name)) {
            if (in == null) {
                return HttpReply.json(404, new Problem("not found: " + path));
            }
            String extension = name.substring(name.lastIndexOf('.') + 1);
            return new HttpReply(200, ASSET_TYPES.getOrDefault(extension, "application/octet-stream"), in.readAllBytes(),
                    Map.of());
        }
    }

    private static void send(HttpExchange exchange, HttpReply reply) throws IOException {
        if (reply.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        }
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        boolean noBody = reply.body().length == 0 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(reply.status(), noBody ? -1 : reply.body().length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        }
    }
}
