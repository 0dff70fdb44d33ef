package vn.kiosk06.bench.report;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.kiosk06.server.db.PostgresDatabase;
import vn.kiosk06.server.store.EventStore;
import vn.kiosk06.server.store.PostgresEventStore;
import vn.kiosk06.server.store.SqliteEventStore;
import vn.kiosk06.server.time.EventTimeCorrector;
import vn.kiosk06.server.time.TimeCorrectionPolicy;

/**
 * The stores the report benchmark loads and queries, on one engine: SQLite files in the working directory, or
 * databases of one embedded PostgreSQL 16 (durable commits) whose files are in the working directory. A store
 * opened again by name sees what was loaded into it. Not thread-safe: the benchmark's main thread opens stores.
 */
abstract class BenchStores implements AutoCloseable {

    static BenchStores of(String engine, Path work) throws IOException {
        return switch (engine) {
            case "sqlite" -> new Sqlite(work);
            case "postgresql" -> new Postgres(work);
            default -> throw new IllegalArgumentException("--db must be sqlite or postgresql, was \"" + engine + "\"");
        };
    }

    /** The store {@code name} (created empty on first open), maintaining the rollups or not. */
    abstract EventStore open(String name, boolean rollups);

    /** What the table's first line says about the engine. */
    abstract String engine();

    @Override
    public abstract void close();

    private static EventTimeCorrector corrector() {
        return new EventTimeCorrector(TimeCorrectionPolicy.defaults());
    }

    private static final class Sqlite extends BenchStores {
        private final Path work;

        Sqlite(Path work) {
            this.work = work;
        }

        @Override
        EventStore open(String name, boolean rollups) {
            return SqliteEventStore.open(work.resolve(name), corrector(), rollups);
        }

        @Override
        String engine() {
            return "SQLite";
        }

        @Override
        public void close() {
        }
    }

    private static final class Postgres extends BenchStores {
        private final EmbeddedPostgres pg;
        private final Map<String, String> urls = new HashMap<>();
        private final List<PostgresDatabase> open = new ArrayList<>();

        Postgres(Path work) throws IOException {
            pg = EmbeddedPostgres.builder().setDataDirectory(work.resolve("pgdata")).setCleanDataDirectory(true)
                    .setServerConfig("synchronous_commit", "on").setServerConfig("max_connections", "100").start();
        }

        @Override
        EventStore open(String name, boolean rollups) {
            String url = urls.computeIfAbsent(name, n -> {
                String db = "bench_" + n.replaceAll("[^a-z0-9]", "_");
                try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + db);
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot create database " + db + ": " + e.getMessage(), e);
                }
                return pg.getJdbcUrl("postgres", db);
            });
            PostgresDatabase db = PostgresDatabase.open(url);
            open.add(db);
            return PostgresEventStore.open(db.dataSource(), corrector(), PostgresDatabase.DEFAULT_WRITERS, rollups);
        }

        @Override
        String engine() {
            return "PostgreSQL 16 (embedded)";
        }

        @Override
        public void close() {
            open.forEach(PostgresDatabase::close);
            try {
                pg.close();
            } catch (IOException e) {
                System.err.println("[bench] stopping PostgreSQL: " + e.getMessage());
            }
        }
    }
}
