package vn.kiosk06.client.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LocalHttpServerTest {

    record Echo(String said) {
    }

    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused() {
            super("no");
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private LocalHttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private LocalHttpServer start() {
        Router router = new Router()
                .get("/hello", call -> HttpReply.ok(new Echo("hi")))
                .post("/echo", call -> HttpReply.json(201, call.body(Echo.class)))
                .post("/refuse", call -> {
                    throw new Refused();
                })
                .post("/boom", call -> {
                    throw new IllegalStateException("broken");
                })
                .onError(Refused.class, e -> HttpReply.json(422, new Echo(e.getMessage())));
        server = LocalHttpServer.start("127.0.0.1", 0, router);
        return server;
    }

    private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void routes_answerJson_andMapErrors() throws Exception {
        start();

        assertThat(send("GET", "/hello", "").body()).isEqualTo("{\"said\":\"hi\"}");
        HttpResponse<String> echoed = send("POST", "/echo", "{\"said\":\"xin chào\"}");
        assertThat(echoed.statusCode()).isEqualTo(201);
        assertThat(echoed.body()).isEqualTo("{\"said\":\"xin chào\"}");
        assertThat(echoed.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(send("POST", "/echo", "{").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/refuse", "").body()).isEqualTo("{\"said\":\"no\"}");
        HttpResponse<String> boom = send("POST", "/boom", "");
        assertThat(boom.statusCode()).isEqualTo(500);
        assertThat(boom.body()).doesNotContain("at vn.");
        assertThat(send("GET", "/echo", "").statusCode()).isEqualTo(405);
        assertThat(send("GET", "/nothing", "").statusCode()).isEqualTo(404);
    }

    @Test
    void assets_servedFromTheJar_withTheirType_andNoEscapeFromTheFolder() throws Exception {
        start();

        HttpResponse<String> css = send("GET", "/assets/app.css", "");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css");
        assertThat(send("GET", "/assets/../kiosk.html", "").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/assets/missing.js", "").statusCode()).isEqualTo(404);
    }

    @Test
    void start_turnsNaglesAlgorithmOff_soAResponseDoesNotWaitForTheClientsDelayedAck() {
        // Cleared first: another test in this JVM may have started a server (and so set it) already.
        System.clearProperty(LocalHttpServer.NODELAY);

        start();

        // The setting is what this checks; its effect was measured, not asserted: ./kiosk06 bench device appended
        // 21 events/s through the API with Nagle on, ~160 with it off.
        assertThat(System.getProperty(LocalHttpServer.NODELAY)).isEqualTo("true");
    }

    @Test
    void start_portInUse_refusedNamingTheAddress() {
        start();

        assertThatThrownBy(() -> LocalHttpServer.start("127.0.0.1", server.port(), new Router()))
                .hasMessageContaining("127.0.0.1:" + server.port());
    }

    @Test
    void router_samePathAndMethodTwice_isRefused() {
        Router router = new Router().get("/a", call -> HttpReply.empty(204));

        assertThatThrownBy(() -> router.get("/a", call -> HttpReply.empty(204))).hasMessageContaining("GET /a");
    }
}
