package vn.kiosk06.client.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One answer of the local HTTP server.
 *
 * @param status      the HTTP status
 * @param contentType null when there is no body
 * @param body        the body, empty for none
 * @param headers     extra headers
 */
public record HttpReply(int status, String contentType, byte[] body, Map<String, String> headers) {

    public static final String JSON = "application/json";

    public HttpReply {
        headers = Map.copyOf(headers);
    }

    /** {@code status} with {@code value} as JSON (see {@link Json#write}). */
    public static HttpReply json(int status, Object value) {
        return new HttpReply(status, JSON, Json.write(value).getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** 200 with {@code value} as JSON. */
    public static HttpReply ok(Object value) {
        return json(200, value);
    }

    /** {@code status} and no body. */
    public static HttpReply empty(int status) {
        return new HttpReply(status, null, new byte[0], Map.of());
    }

    /** This reply with one more header. */
    public HttpReply withHeader(String name, String value) {
        java.util.HashMap<String, String> more = new java.util.HashMap<>(headers);
        more.put(name, value);
        return new HttpReply(status, contentType, body, more);
    }
}
