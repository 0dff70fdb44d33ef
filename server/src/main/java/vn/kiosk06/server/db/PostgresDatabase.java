package vn.kiosk06.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * PostgreSQL for several server instances: a small HikariCP pool, migrated by Flyway from
 * {@code db/migration/postgresql} when opened. Instances starting together are safe: Flyway serialises migrations
 * with an advisory lock. Thread-safe.
 */
public final class PostgresDatabase implements Database {

    /** Connections the event store's writers hold for their lifetime, on top of the pool for reads. */
    public static final int DEFAULT_WRITERS = 4;
    private static final int READ_CONNECTIONS = 6;
    /** pgjdbc {@code socketTimeout}: no statement of this server runs longer. */
    static final int SOCKET_TIMEOUT_SECONDS = 60;

    private final PostgresUrl url;
    private final HikariDataSource pool;

    private PostgresDatabase(PostgresUrl url, HikariDataSource pool) {
        this.url = url;
        this.pool = pool;
    }

    /** Connects to and migrates the database {@code db} ({@code postgresql://…} or a JDBC URL). */
    public static PostgresDatabase open(String db) {
        return open(PostgresUrl.parse(db));
    }

    public static PostgresDatabase open(PostgresUrl url) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("kiosk06-pg");
        config.setJdbcUrl(url.jdbcUrl());
        url.user().ifPresent(config::setUsername);
        url.password().ifPresent(config::setPassword);
        config.setAutoCommit(false);
        config.setMaximumPoolSize(DEFAULT_WRITERS + READ_CONNECTIONS);
        // Multi-row INSERTs from JDBC batches: one round trip per batch instead of one per row.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "kiosk06-server");
        // A half-open connection (PostgreSQL host gone, network dropped) would otherwise block a store writer for
        // the kernel's TCP timeout, hours: fail a statement after 60 s of silence and probe idle connections.
        config.addDataSourceProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT_SECONDS));
        config.addDataSourceProperty("tcpKeepAlive", "true");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to PostgreSQL " + url + ": " + rootMessage(e), e);
        }
        try {
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration/postgresql")
                    .load()
                    .migrate();
            return new PostgresDatabase(url, pool);
        } catch (RuntimeException e) {
            pool.close();
            throw new StoreException("cannot migrate PostgreSQL " + url + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    @Override
    public Engine engine() {
        return Engine.POSTGRESQL;
    }

    @Override
    public Connection connect() throws SQLException {
        return pool.getConnection();
    }

    /** The pool, for the event store. */
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public String toString() {
        return "PostgreSQL " + url;
    }

    @Override
    public void close() {
        pool.close();
    }
}
