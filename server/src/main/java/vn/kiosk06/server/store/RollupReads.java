package vn.kiosk06.server.store;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import vn.kiosk06.server.report.rollup.RollupTotals;

/**
 * The report reads of the rollups, as {@link EventStore} documents them. Two implementations because the engines
 * really differ here: SQLite's store is the only writer of its file and serves them from memory
 * ({@link CachedRollups}); PostgreSQL is shared by instances and reads the tables ({@link RollupQueries}).
 */
interface RollupReads {

    RollupTotals rollupTotals(Collection<String> deviceIds, LocalDate first, LocalDate last);

    RollupTotals timeUnknownTotals(Collection<String> deviceIds);

    long uniqueCitizens(Collection<String> deviceIds, LocalDate first, LocalDate last);

    Set<String> activeDevices(Collection<String> deviceIds, LocalDate first, LocalDate last);

    SortedMap<LocalDate, RollupTotals> dailyTotals(Collection<String> deviceIds, LocalDate first, LocalDate last);

    Map<String, LocalDate> lastEventDays(Collection<String> deviceIds, LocalDate asOfDay);
}
