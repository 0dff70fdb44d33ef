package vn.kiosk06.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The bearer token a Prometheus scraper sends for {@code /prometheus} ({@code prometheus-token:} in server.yml,
 * {@value #PROPERTY}). Once configured, loopback peers need it too: behind a reverse proxy on the same host every
 * request is loopback. Immutable; never printed.
 *
 * @param value the token: at least {@value #MIN_LENGTH} characters, no spaces (e.g. {@code openssl rand -hex 32})
 */
public record ScrapeToken(String value) {

    public static final String PROPERTY = "kiosk06.server.metrics.prometheus-token";
    static final int MIN_LENGTH = 24;

    public ScrapeToken {
        if (value == null || value.length() < MIN_LENGTH || !value.chars().allMatch(c -> c > ' ' && c < 127)) {
            throw new IllegalArgumentException("prometheus-token must be at least " + MIN_LENGTH
                    + " printable ASCII characters without spaces (e.g. openssl rand -hex 32), was "
                    + (value == null ? "nothing" : value.length() + " characters"));
        }
    }

    /** None when unset or blank. */
    public static Optional<ScrapeToken> of(String configured) {
        return configured == null || configured.isBlank() ? Optional.empty() : Optional.of(new ScrapeToken(configured.strip()));
    }

    /** Whether an {@code Authorization} header carries this token; compared in constant time. */
    boolean matches(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ScrapeToken[…]";
    }
}
