package vn.kiosk06.client.ui;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import vn.kiosk06.client.config.ClientConfig;
import vn.kiosk06.client.http.HttpReply;
import vn.kiosk06.client.http.Router;
import vn.kiosk06.client.http.Routes;

/**
 * Serves the device's page at {@code /}: the kiosk app or the field app, by the config's {@code mode}. The pages and
 * their assets ({@code /assets/**}) ship in the jar: the device needs no internet and no CDN.
 */
@Singleton
final class PageController implements Routes {

    private final byte[] page;

    PageController(ClientConfig config) {
        String name = "field".equals(config.mode()) ? "public/field.html" : "public/kiosk.html";
        try (InputStream in = PageController.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar");
            }
            page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void register(Router router) {
        // The page is the app: never serve a stale one after an update.
        router.get("/", call -> new HttpReply(200, "text/html;charset=utf-8", page, Map.of("Cache-Control", "no-store")));
    }
}
