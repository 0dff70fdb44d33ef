package vn.kiosk06.server.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One piece of state an admin edits and every server instance must agree on (the org-unit tree, the targets): an
 * immutable value kept in the database's rows, with a version in {@code shared_state} that each edit raises in the
 * same transaction.
 *
 * <p>{@link #get()} reads the version (one primary-key lookup) and re-reads the rows only when it changed, so an edit
 * made on any instance is what the next read on every instance returns. {@link #update} locks the version row first
 * (on SQLite the write transaction already holds the file's lock; on PostgreSQL the UPDATE locks the row), reads the
 * rows as they are in the database — not this instance's copy — applies the edit and writes the result, all in one
 * transaction: two instances editing at once serialize, and an edit that throws changes nothing. Thread-safe.
 *
 * @param <T> the immutable value
 */
public final class SharedState<T> {

    /** How the value maps to its table: read all rows into a value, or replace all rows by a value. */
    public interface Rows<T> {
        T read(Connection c) throws SQLException;

        void write(Connection c, T value) throws SQLException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(SharedState.class);

    private record Snapshot<T>(long version, T value) {
    }

    private final Database database;
    private final String name;
    private final Rows<T> rows;
    private volatile Snapshot<T> cached;

    private SharedState(Database database, String name, Rows<T> rows) {
        this.database = Objects.requireNonNull(database, "database");
        this.name = Objects.requireNonNull(name, "name");
        this.rows = Objects.requireNonNull(rows, "rows");
    }

    /**
     * The state {@code name} in {@code database}; on the first start against this database (version 0) it is filled
     * from {@code firstImport}, in one transaction with the version's lock: a supplier that throws (a bad CSV file)
     * leaves nothing imported, and of several instances starting at once exactly one imports.
     *
     * @return the state, and whether this call imported it
     */
    public static <T> Opened<T> open(Database database, String name, Rows<T> rows, Supplier<T> firstImport) {
        SharedState<T> state = new SharedState<>(database, name, rows);
        boolean imported = state.importOnce(firstImport);
        return new Opened<>(state, imported);
    }

    /** What {@link #open} did. */
    public record Opened<T>(SharedState<T> state, boolean imported) {
    }

    private boolean importOnce(Supplier<T> firstImport) {
        try (Connection c = database.connect()) {
            long version = lockVersion(c);
            if (version > 0) {
                c.rollback();
                return false;
            }
            T value = firstImport.get();
            rows.write(c, value);
            long next = raiseVersion(c);
            c.commit();
            cached = new Snapshot<>(next, value);
            LOG.info("Imported {} into the database (version {})", name, next);
            return true;
        } catch (SQLException e) {
            throw new StoreException("cannot import " + name + ": " + e.getMessage(), e);
        }
    }

    /** The value as the database holds it now. */
    public T get() {
        try (Connection c = database.connectForReads()) {
            long version = readVersion(c);
            Snapshot<T> known = cached;
            if (known != null && known.version() == version) {
                c.rollback();
                return known.value();
            }
            // Rows read after the version are at least that new: a later read sees a higher version and reloads.
            T value = rows.read(c);
            c.rollback();
            cached = new Snapshot<>(version, value);
            return value;
        } catch (SQLException e) {
            throw new StoreException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Applies {@code edit} to the value in the database and stores the result, atomically across instances.
     *
     * @return the new value
     * @throws RuntimeException whatever {@code edit} throws (a refused edit); nothing is changed then
     */
    public T update(UnaryOperator<T> edit) {
        try (Connection c = database.connect()) {
            lockVersion(c);
            T next = edit.apply(rows.read(c));
            rows.write(c, next);
            long version = raiseVersion(c);
            c.commit();
            cached = new Snapshot<>(version, next);
            return next;
        } catch (SQLException e) {
            throw new StoreException("cannot save " + name + ": " + e.getMessage(), e);
        }
    }

    /** Takes the version row's lock (a no-op update) and returns the version. */
    private long lockVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE shared_state SET version = version WHERE name = ?")) {
            ps.setString(1, name);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("no shared_state row '" + name + "' (migration V9 missing?)");
            }
        }
        return readVersion(c);
    }

    private long raiseVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE shared_state SET version = version + 1 WHERE name = ?")) {
            ps.setString(1, name);
            ps.executeUpdate();
        }
        return readVersion(c);
    }

    private long readVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM shared_state WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no shared_state row '" + name + "' (migration V9 missing?)");
                }
                return rs.getLong(1);
            }
        }
    }
}
