package vn.kiosk06.bench.simulate;

/** A server's gRPC address as given on the command line, {@code HOST:PORT}. */
public record TargetAddress(String host, int port) {

    public TargetAddress {
        if (host.isBlank()) {
            throw new IllegalArgumentException("--target needs a host name or address before the ':'");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("--target port must be 1–65535, was " + port);
        }
    }

    /** Parses {@code HOST:PORT} (an IPv6 host in brackets: {@code [::1]:7443}). */
    public static TargetAddress parse(String text) {
        String t = text == null ? "" : text.trim();
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw new IllegalArgumentException("--target must be HOST:PORT (e.g. 127.0.0.1:7443), was '" + text + "'");
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--target port must be a number, was '" + t.substring(colon + 1) + "' in '" + text + "'");
        }
        return new TargetAddress(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
