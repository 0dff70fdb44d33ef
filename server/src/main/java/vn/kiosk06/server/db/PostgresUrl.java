package vn.kiosk06.server.db;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where a PostgreSQL database is, as the operator wrote it: {@code postgresql://user:pass@host:port/db} (the form
 * libpq and most tools take) or a JDBC URL {@code jdbc:postgresql://host:port/db?user=…}. Holds the JDBC URL and
 * the credentials apart, so the password never appears in a log line ({@link #toString()} hides it).
 */
public record PostgresUrl(String jdbcUrl, Optional<String> user, Optional<String> password) {

    public PostgresUrl {
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl.replaceAll("password=[^&]*", "password=…"));
        }
    }

    /** Whether {@code db} names a PostgreSQL database (rather than the embedded SQLite default). */
    public static boolean isPostgres(String db) {
        return db != null && (db.startsWith("postgresql://") || db.startsWith("postgres://") || db.startsWith("jdbc:postgresql:"));
    }

    /** Parses either form; a bad URL gets an error that names what was expected (the password never echoed). */
    public static PostgresUrl parse(String db) {
        if (db.startsWith("jdbc:postgresql:")) {
            return new PostgresUrl(db, Optional.empty(), Optional.empty());
        }
        if (!isPostgres(db)) {
            throw new IllegalArgumentException("database must be postgresql://user:pass@host:port/db or "
                    + "jdbc:postgresql://host:port/db, was " + redact(db));
        }
        URI uri;
        try {
            uri = new URI(db);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("database URL is malformed (" + e.getReason()
                    + "), expected postgresql://user:pass@host:port/db, was " + redact(db), e);
        }
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
            throw new IllegalArgumentException("database URL needs a host and a database name, "
                    + "as in postgresql://user:pass@host:5432/kiosk06, was " + redact(db));
        }
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = Optional.of(decode(parts[0]));
            if (parts.length == 2) {
                password = Optional.of(decode(parts[1]));
            }
        }
        String port = uri.getPort() > 0 ? ":" + uri.getPort() : "";
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new PostgresUrl("jdbc:postgresql://" + uri.getHost() + port + uri.getRawPath() + query, user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The URL with any password replaced, for error messages. */
    static String redact(String db) {
        return db.replaceAll("://([^:/@]*):[^@]*@", "://$1:…@").replaceAll("password=[^&]*", "password=…");
    }

    @Override
    public String toString() {
        return redact(jdbcUrl) + user.map(u -> " as " + u).orElse("");
    }
}
