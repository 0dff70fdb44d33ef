package vn.kiosk06.client.metrics;

import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import vn.kiosk06.client.http.HttpReply;
import vn.kiosk06.client.http.Router;
import vn.kiosk06.client.http.Routes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import vn.kiosk06.client.config.ClientConfig;

/**
 * {@code GET /health} for the unit's start check and a monitoring agent, {@code GET /prometheus} for a scraper
 * (see {@link ClientMetrics}). Both are on the device's loopback-only HTTP port.
 */
@Singleton
final class MonitoringController implements Routes {

    /** Below this much free disk in the data directory the journal soon cannot take events: DOWN. */
    static final long MIN_FREE_BYTES = 10L * 1024 * 1024;

    private final BeanProvider<ClientMetrics> metrics;
    private final Path dataDir;

    MonitoringController(BeanProvider<ClientMetrics> metrics, ClientConfig config) {
        this.metrics = metrics;
        this.dataDir = config.dataDir();
    }

    /** What {@code /health} answers: {@code {"status":"UP"}}, or DOWN with the reason. */
    record Health(String status, String reason) {
    }

    @Override
    public void register(Router router) {
        router.get("/health", call -> health()).get("/prometheus", call -> prometheus());
    }

    HttpReply health() {
        try {
            long free = Files.getFileStore(dataDir).getUsableSpace();
            if (free < MIN_FREE_BYTES) {
                return HttpReply.json(503, new Health("DOWN", "disk almost full: " + free / 1024 + " KiB free in " + dataDir));
            }
            return HttpReply.ok(new Health("UP", null));
        } catch (IOException e) {
            return HttpReply.json(503, new Health("DOWN", "data directory " + dataDir + " unreadable: " + e.getMessage()));
        }
    }

    HttpReply prometheus() throws IOException {
        ClientMetrics m = metrics.get();
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        m.scrape(out);
        return new HttpReply(200, m.contentType(), out.toByteArray(), java.util.Map.of());
    }
}
