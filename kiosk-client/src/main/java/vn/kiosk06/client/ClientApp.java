package vn.kiosk06.client;

import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.slf4j.LoggerFactory;
import vn.kiosk06.client.http.LocalHttpServer;
import vn.kiosk06.client.http.Router;
import vn.kiosk06.client.http.Routes;
import vn.kiosk06.client.sync.SyncWorker;

/**
 * The running device app: its parts (an application context built from the configuration properties) and the local
 * HTTP server serving every {@link Routes} among them. Syncing starts once the server listens: the touchscreen and
 * the local API come up first, and the first handshake (a TLS connection to the server, CPU a Pi's start needs)
 * follows a moment later; events appended in between go with that first sync.
 */
public final class ClientApp implements AutoCloseable {

    private final ApplicationContext context;
    private final LocalHttpServer http;
    private boolean closed;

    private ClientApp(ApplicationContext context, LocalHttpServer http) {
        this.context = context;
        this.http = http;
    }

    /**
     * Starts the app from configuration properties ({@code kiosk06.client.*}, the HTTP address at
     * {@code micronaut.server.host}/{@code micronaut.server.port}, port -1 or 0 for any free one). On failure
     * nothing is left running and the exception is rethrown (its trace logged at debug).
     */
    public static ClientApp start(Map<String, Object> props) {
        ApplicationContext context = null;
        try {
            context = ApplicationContext.builder().properties(props).mainClass(ClientMain.class).start();
            Router router = new Router();
            for (Routes routes : context.getBeansOfType(Routes.class)) {
                routes.register(router);
            }
            String host = context.getProperty("micronaut.server.host", String.class).orElse("127.0.0.1");
            int port = context.getProperty("micronaut.server.port", Integer.class).orElse(8081);
            LocalHttpServer http = LocalHttpServer.start(host, port, router);
            ClientApp app = new ClientApp(context, http);
            context.getBean(SyncWorker.class).start();
            return app;
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(ClientApp.class).debug("startup failed", e);
            if (context != null && context.isRunning()) {
                context.close();
            }
            throw e;
        }
    }

    /** The local HTTP server's port. */
    public int port() {
        return http.port();
    }

    /** One of the app's parts, e.g. its {@code Journal}. */
    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public boolean isRunning() {
        return context.isRunning();
    }

    /** Stops serving, then closes every part (the journal last of those that use it). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        http.close();
        if (context.isRunning()) {
            context.close();
        }
    }
}
