package vn.kiosk06.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny HTTP client for the device's and server's local APIs. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Http() {
    }

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String url, String json) throws IOException, InterruptedException {
        return post(url, json, Duration.ofSeconds(10));
    }

    /** As {@link #post(String, String)}, waiting up to {@code timeout} (an emulated JVM answers slowly at first). */
    static HttpResponse<String> post(String url, String json, Duration timeout) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** True when {@code url} answers 2xx now. */
    static boolean answers(String url) {
        try {
            return get(url).statusCode() / 100 == 2;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A number field from a flat JSON object, e.g. {@code longField(body, "backlog")}. */
    static long longField(String json, String name) {
        int i = json.indexOf("\"" + name + "\":");
        if (i < 0) {
            throw new IllegalArgumentException("no field " + name + " in " + json);
        }
        int start = i + name.length() + 3;
        int end = start;
        while (end < json.length() && (Character.isDigit(json.charAt(end)) || json.charAt(end) == '-')) {
            end++;
        }
        return Long.parseLong(json.substring(start, end));
    }
}
