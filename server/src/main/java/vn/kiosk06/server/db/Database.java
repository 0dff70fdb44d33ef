package vn.kiosk06.server.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The server's database, migrated and ready: where the event store, the device registry, dashboard users and the
 * integrity checks keep their tables. Parts other than the event store's ingest path (which has its own tuned
 * connections) take a connection here for a short transaction and write SQL that both engines accept, or branch
 * on {@link #engine()} where they differ.
 */
public interface Database extends AutoCloseable {

    /** Which SQL dialect the connections speak. */
    enum Engine { SQLITE, POSTGRESQL }

    Engine engine();

    /**
     * A connection with auto-commit off, for one short transaction that may write; the caller commits and closes it.
     * On SQLite it holds the write lock from its first statement (so a read-then-write cannot fail halfway).
     */
    Connection connect() throws SQLException;

    /**
     * A connection for one short transaction that only reads — a check on every sync call must not queue behind
     * writers for SQLite's write lock. Where the engine needs no difference, the same as {@link #connect()}.
     */
    default Connection connectForReads() throws SQLException {
        return connect();
    }

    @Override
    void close();
}
