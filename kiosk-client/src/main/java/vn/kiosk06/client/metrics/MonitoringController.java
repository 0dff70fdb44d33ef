package vn.kiosk06.client.metrics;

import io.micronaut.context.BeanProvider;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import vn.kiosk06.client.config.ClientConfig;

/**
 * {@code GET /health} for the unit's start check and a monitoring agent, {@code GET /prometheus} for a scraper
 * (see {@link ClientMetrics}). Both are on the device's loopback-only HTTP port.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class MonitoringController {

    /** Below this much free disk in the data directory the journal soon cannot take events: DOWN. */
    static final long MIN_FREE_BYTES = 10L * 1024 * 1024;

    private final BeanProvider<ClientMetrics> metrics;
    private final Path dataDir;

    MonitoringController(BeanProvider<ClientMetrics> metrics, ClientConfig config) {
        this.metrics = metrics;
        this.dataDir = config.dataDir();
    }

    /** What {@code /health} answers: {@code {"status":"UP"}}, or DOWN with the reason. */
    @Serdeable
    record Health(String status, String reason) {
    }

    @Get(value = "/health", produces = MediaType.APPLICATION_JSON)
    HttpResponse<Health> health() {
        try {
            long free = Files.getFileStore(dataDir).getUsableSpace();
            if (free < MIN_FREE_BYTES) {
                return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                        .body(new Health("DOWN", "disk almost full: " + free / 1024 + " KiB free in " + dataDir));
            }
            return HttpResponse.ok(new Health("UP", null));
        } catch (IOException e) {
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(new Health("DOWN", "data directory " + dataDir + " unreadable: " + e.getMessage()));
        }
    }

    @Get(value = "/prometheus")
    HttpResponse<byte[]> prometheus() throws IOException {
        ClientMetrics m = metrics.get();
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        m.scrape(out);
        return HttpResponse.ok(out.toByteArray()).contentType(m.contentType());
    }
}
