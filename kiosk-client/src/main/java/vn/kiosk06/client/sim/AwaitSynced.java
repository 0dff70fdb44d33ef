package vn.kiosk06.client.sim;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** Waits (up to two minutes) until every device given by its API base URL reports an empty backlog. */
public final class AwaitSynced {

    private AwaitSynced() {
    }

    public static void main(String[] urls) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        for (String url : urls) {
            String body = "";
            while (Instant.now().isBefore(deadline)) {
                body = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/status")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (body.contains("\"backlog\":0")) {
                    break;
                }
                Thread.sleep(200);
            }
            System.out.println(url + " → " + body);
            if (!body.contains("\"backlog\":0")) {
                System.err.println("still not synced after two minutes: " + url);
                System.exit(1);
            }
        }
    }
}
