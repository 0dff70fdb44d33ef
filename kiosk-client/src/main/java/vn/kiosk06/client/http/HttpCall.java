package vn.kiosk06.client.http;

import com.sun.net.httpserver.Headers;
import java.util.Optional;

/**
 * One request to the local HTTP server, as a handler sees it.
 *
 * @param method  GET, POST, …
 * @param path    the path without the query
 * @param headers the request headers
 * @param body    the body as UTF-8 text, empty for none
 */
public record HttpCall(String method, String path, Headers headers, String body) {

    /** The first value of a header. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.getFirst(name));
    }

    /** The body as a record (see {@link Json#read}). */
    public <R extends Record> R body(Class<R> type) {
        return Json.read(body, type);
    }
}
