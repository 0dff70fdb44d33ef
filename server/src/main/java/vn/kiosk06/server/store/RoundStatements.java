package vn.kiosk06.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.Map;

/**
 * The connection of one commit round and its prepared statements, each prepared once per round however many
 * batches use it, and closed with the round. Not thread-safe: one per round, on its writer thread.
 */
final class RoundStatements implements AutoCloseable {

    private final Connection connection;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();

    RoundStatements(Connection connection) {
        this.connection = connection;
    }

    Connection connection() {
        return connection;
    }

    /** The round's statement for {@code sql}, parameters cleared. */
    PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement p = prepared.get(sql);
        if (p == null) {
            p = connection.prepareStatement(sql);
            prepared.put(sql, p);
        } else {
            p.clearParameters();
        }
        return p;
    }

    /** Binds {@code value}, or SQL NULL when it is absent. */
    static void setNullable(PreparedStatement p, int index, Long value) throws SQLException {
        if (value == null) {
            p.setNull(index, Types.BIGINT);
        } else {
            p.setLong(index, value);
        }
    }

    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (PreparedStatement p : prepared.values()) {
            try {
                p.close();
            } catch (SQLException e) {
                first = first == null ? e : first;
            }
        }
        prepared.clear();
        if (first != null) {
            throw first;
        }
    }
}
