package vn.kiosk06.server.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL 16 (zonky's embedded binaries) for one test class: start it once (about 1.5 s) and take a
 * fresh, empty database per test with {@link #newDatabase()}. Thread-safe.
 */
public final class EmbeddedPg implements AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private final EmbeddedPostgres pg;

    private EmbeddedPg(EmbeddedPostgres pg) {
        this.pg = pg;
    }

    public static EmbeddedPg start() {
        try {
            return new EmbeddedPg(EmbeddedPostgres.builder().start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    /** Creates an empty database and returns its JDBC URL (user and password in it). */
    public String newDatabase() {
        String name = "kiosk06_" + DATABASES.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return pg.getJdbcUrl("postgres", name) + "&password=postgres";
    }

    /** The same database as a libpq-style URL, as an operator writes it in {@code --db}. */
    public String libpqUrl(String jdbcUrl) {
        String path = jdbcUrl.substring("jdbc:postgresql://".length(), jdbcUrl.indexOf('?'));
        return "postgresql://postgres:postgres@" + path;
    }

    @Override
    public void close() {
        try {
            pg.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
