package vn.kiosk06.server.store;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import vn.kiosk06.server.report.rollup.RollupTotals;

/**
 * The report reads of the rollups, as {@link EventStore} documents them: served from memory on both engines by
 * {@link CachedRollups}, which on PostgreSQL follows the {@link RollupLog} to see other instances' writes.
 */
interface RollupReads {

    RollupTotals rollupTotals(Collection<String> deviceIds, LocalDate first, LocalDate last);

    RollupTotals timeUnknownTotals(Collection<String> deviceIds);

    long uniqueCitizens(Collection<String> deviceIds, LocalDate first, LocalDate last);

    Set<String> activeDevices(Collection<String> deviceIds, LocalDate first, LocalDate last);

    SortedMap<LocalDate, RollupTotals> dailyTotals(Collection<String> deviceIds, LocalDate first, LocalDate last);

    Map<String, LocalDate> lastEventDays(Collection<String> deviceIds, LocalDate asOfDay);
}
