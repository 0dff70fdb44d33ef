package vn.kiosk06.client.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Exact-path routes of the local HTTP server ({@code GET /api/v1/status}), and how exceptions a handler throws are
 * answered. Filled at start, before the server accepts requests; read-only afterwards, so safe to share.
 */
public final class Router {

    /** Answers one request; may block (it runs on one of the server's worker threads). */
    @FunctionalInterface
    public interface Handler {
        HttpReply handle(HttpCall call) throws Exception;
    }

    private record ErrorMapping<E extends Throwable>(Class<E> type, Function<E, HttpReply> reply) {
        Optional<HttpReply> map(Throwable t) {
            return type.isInstance(t) ? Optional.of(reply.apply(type.cast(t))) : Optional.empty();
        }
    }

    private final Map<String, Map<String, Handler>> byPath = new HashMap<>();
    private final List<ErrorMapping<?>> errors = new ArrayList<>();

    public Router get(String path, Handler handler) {
        return add("GET", path, handler);
    }

    public Router post(String path, Handler handler) {
        return add("POST", path, handler);
    }

    private Router add(String method, String path, Handler handler) {
        Handler previous = byPath.computeIfAbsent(path, p -> new HashMap<>()).putIfAbsent(method, handler);
        if (previous != null) {
            throw new IllegalStateException(method + " " + path + " is routed twice");
        }
        return this;
    }

    /** How a handler's exception of this type is answered (the first matching mapping wins). */
    public <E extends Throwable> Router onError(Class<E> type, Function<E, HttpReply> reply) {
        errors.add(new ErrorMapping<>(type, reply));
        return this;
    }

    /** The handler for a method and path; empty with {@code pathKnown} telling 405 from 404. */
    Optional<Handler> find(String method, String path) {
        Map<String, Handler> methods = byPath.get(path);
        return methods == null ? Optional.empty() : Optional.ofNullable(methods.get(method));
    }

    boolean pathKnown(String path) {
        return byPath.containsKey(path);
    }

    Optional<HttpReply> mapError(Throwable t) {
        for (ErrorMapping<?> m : errors) {
            Optional<HttpReply> reply = m.map(t);
            if (reply.isPresent()) {
                return reply;
            }
        }
        return Optional.empty();
    }
}
