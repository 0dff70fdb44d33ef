package vn.kiosk06.server.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * How an engine runs a read: on a connection of its choosing, in a transaction that sees committed data only and
 * ends when the work returns. A failure becomes a {@link vn.kiosk06.server.db.StoreException} saying what could not be done.
 * Implementations are thread-safe.
 */
interface Reader {

    /** A unit of read work on one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work}; {@code what} names it in an error ("read devices"). */
    <T> T read(String what, Work<T> work);
}
