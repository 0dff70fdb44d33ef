package vn.kiosk06.server.store;

import java.sql.SQLException;
import java.util.Map;
import java.util.SortedMap;

/**
 * What really differs between the SQL engines the store runs on, and nothing else: how a round takes its locks,
 * how a batch of events goes in (and learns which rows were new), the spelling of "the larger of two values", and
 * where the engine's migrations live. Every other statement of the store is the same text on both engines and
 * lives in the class of its responsibility ({@link IngestRound}, {@link DeviceQueries}, {@link RollupWriter} …).
 * Implementations are stateless and thread-safe.
 */
interface Dialect {

    /** The Flyway location of this engine's migrations. */
    String migrations();

    /**
     * Creates the devices of a round that are new (first seen at the given time) and locks every device row of the
     * round for the transaction, in device-id order, returning each device's state as committed.
     */
    Map<String, DeviceState> lockDevices(RoundStatements st, SortedMap<String, Long> firstSeenByDevice)
            throws SQLException;

    /**
     * Inserts one device's events, skipping any {@code (device, seq)} already stored, and says which rows were new
     * ({@code true} at the row's index). {@code maxSeq} is the device's highest seq so far, as locked for this round:
     * no stored event is above it, so rows above it, in ascending order, are all new.
     */
    boolean[] insertEvents(RoundStatements st, long device, long maxSeq, long receivedMs, EventRows rows)
            throws SQLException;

    /** The SQL expression for the larger of two values. */
    String greatest(String a, String b);

}
