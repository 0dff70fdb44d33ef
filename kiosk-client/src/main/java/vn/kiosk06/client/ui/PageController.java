package vn.kiosk06.client.ui;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import vn.kiosk06.client.config.ClientConfig;

/**
 * Serves the device's page at {@code /}: the kiosk app or the field app, by the config's {@code mode}. The pages and
 * their assets ({@code /assets/**}) ship in the jar: the device needs no internet and no CDN.
 */
@Controller
final class PageController {

    private final String page;

    PageController(ClientConfig config) {
        String name = "field".equals(config.mode()) ? "public/field.html" : "public/kiosk.html";
        try (InputStream in = PageController.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar");
            }
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get(produces = MediaType.TEXT_HTML + ";charset=utf-8")
    HttpResponse<String> index() {
        // The page is the app: never serve a stale one after an update.
        return HttpResponse.ok(page).header("Cache-Control", "no-store");
    }
}
