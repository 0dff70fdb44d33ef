package vn.kiosk06.server.main;

import io.grpc.BindableService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import vn.kiosk06.server.ServerConfig;
import vn.kiosk06.server.db.Database;
import vn.kiosk06.server.db.Databases;
import vn.kiosk06.server.db.PostgresDatabase;
import vn.kiosk06.server.store.DataDirLock;
import vn.kiosk06.server.store.EventStore;
import vn.kiosk06.server.store.PostgresEventStore;
import vn.kiosk06.server.store.SqliteEventStore;
import vn.kiosk06.server.time.EventTimeCorrector;
import vn.kiosk06.server.time.TimeCorrectionConfig;

/** Builds the aggregator's long-lived parts. */
@Factory
final class ServerBeans {

    /** Secondary: a test that registers its own clock (to pass a lockout without sleeping) wins over it. */
    @Singleton
    @Secondary
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The configured tolerances ({@code kiosk06.server.time.*}; defaults 2 ms floor, 30 s round trip, 2 s step, 5 min future, 100 ppm). */
    @Singleton
    EventTimeCorrector eventTimeCorrector(TimeCorrectionConfig config) {
        return new EventTimeCorrector(config.policy());
    }

    /**
     * Held while a server on the embedded SQLite store runs, so {@code ./kiosk06 restore} refuses to replace a live
     * store and a second instance refuses to start on the same file. Not taken on PostgreSQL, which several
     * instances share by design.
     */
    @Singleton
    @Bean(preDestroy = "close")
    DataDirLock dataDirLock(ServerConfig config) {
        return DataDirLock.acquire(config.dataDir());
    }

    /**
     * The migrated database every stateful part shares: PostgreSQL when {@code kiosk06.server.db} names one, else
     * the SQLite file in the data directory (under the data-dir lock).
     */
    @Singleton
    @Bean(preDestroy = "close")
    Database database(ServerConfig config, BeanProvider<DataDirLock> lock) {
        if (config.db() == null || config.db().isBlank()) {
            lock.get();
        }
        return Databases.open(config.db(), config.dataDir());
    }

    /** The event store on the chosen database's engine. */
    @Singleton
    @Bean(preDestroy = "close")
    EventStore eventStore(ServerConfig config, EventTimeCorrector corrector, Database database) {
        if (database instanceof PostgresDatabase pg) {
            return PostgresEventStore.open(pg.dataSource(), corrector, PostgresDatabase.DEFAULT_WRITERS);
        }
        return SqliteEventStore.open(config.dataDir(), corrector);
    }

    /** Lets tools such as grpcurl list and call the services without the .proto files. */
    @Singleton
    @Named("reflection")
    BindableService reflection() {
        return ProtoReflectionServiceV1.newInstance();
    }

    /**
     * The same over the older {@code grpc.reflection.v1alpha} protocol, which is all that older grpcurl, Postman and
     * several language tool kits speak. Deprecated upstream in favour of v1, which is why both are served.
     */
    @Singleton
    @Named("reflectionV1alpha")
    @SuppressWarnings("deprecation")
    BindableService reflectionV1alpha() {
        return io.grpc.protobuf.services.ProtoReflectionService.newInstance();
    }
}
