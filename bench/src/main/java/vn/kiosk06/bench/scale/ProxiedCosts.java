package vn.kiosk06.bench.scale;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import vn.kiosk06.bench.simulate.ProxiedFleetSimulation;

/**
 * Reads the costs of a proxied run at its phase boundaries: CPU of the instances and of PostgreSQL's processes from
 * /proc, the database's size and WAL counters from its statistics views, nginx's calls from its access log. Used by
 * one harness thread.
 */
final class ProxiedCosts {

    private final ServerProcess a;
    private final ServerProcess b;
    private final NginxProxy nginx;
    private final Connection db;
    private final Optional<Long> postmaster;

    private double drainCpu0;
    private double bCpuAtKill = Double.NaN;
    private double bCpu0;
    private Pg pg0;
    private double drainServerCpu;
    private double drainPgCpu;
    private Pg drainPg;
    private double idleServerCpu;
    private double idlePgCpu;
    private Pg idlePg;
    private long idleSyncs;
    private double idleSeconds;
    private double heapPerDevice = Double.NaN;
    /** CPU per second of instance a and of PostgreSQL with nothing connected (timers, JIT, autovacuum). */
    private double baselineServer;
    private double baselinePg;
    private double rssPerDevice = Double.NaN;

    ProxiedCosts(ServerProcess a, ServerProcess b, NginxProxy nginx, Connection db, Optional<Long> postmaster) {
        this.a = a;
        this.b = b;
        this.nginx = nginx;
        this.db = db;
        this.postmaster = postmaster;
    }

    /** PostgreSQL's counters at one moment: all user tables and indexes, WAL bytes and fsyncs, data pages written. */
    private record Pg(double cpu, long bytes, long walBytes, long walSyncs, long dataWrites) {
        Pg minus(Pg o) {
            return new Pg(cpu - o.cpu, bytes - o.bytes, walBytes - o.walBytes, walSyncs - o.walSyncs, dataWrites - o.dataWrites);
        }
    }

    private Pg pg() throws Exception {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT (SELECT coalesce(sum(pg_total_relation_size(relid)), 0) FROM pg_stat_user_tables), "
                        + "w.wal_bytes, w.wal_sync, g.buffers_checkpoint + g.buffers_clean + g.buffers_backend "
                        + "FROM pg_stat_wal w, pg_stat_bgwriter g")) {
            rs.next();
            double cpu = postmaster.map(ProcStat::treeCpuSeconds).orElse(Double.NaN);
            return new Pg(cpu, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
        }
    }

    /** The background: instance a and PostgreSQL with no device connected, over {@code window}. */
    void baseline(Duration window) throws Exception {
        double cpu0 = ProcStat.cpuSeconds(a.pid());
        Pg p0 = pg();
        long t0 = System.nanoTime();
        Thread.sleep(window.toMillis()); // a measurement window: the idle background is what is measured
        double seconds = (System.nanoTime() - t0) / 1e9;
        baselineServer = (ProcStat.cpuSeconds(a.pid()) - cpu0) / seconds;
        baselinePg = (pg().cpu() - p0.cpu()) / seconds;
    }

    void startDrain() throws Exception {
        drainCpu0 = ProcStat.cpuSeconds(a.pid());
        bCpu0 = ProcStat.cpuSeconds(b.pid());
        pg0 = pg();
    }

    void beforeKill() {
        bCpuAtKill = ProcStat.cpuSeconds(b.pid());
    }

    void endDrain() throws Exception {
        double bCpu = Double.isNaN(bCpuAtKill) ? ProcStat.cpuSeconds(b.pid()) : bCpuAtKill;
        drainServerCpu = ProcStat.cpuSeconds(a.pid()) - drainCpu0 + bCpu - bCpu0;
        drainPg = pg().minus(pg0);
        drainPgCpu = drainPg.cpu();
    }

    /** The devices connected with nothing to send, syncing every heartbeat, for {@code window}. */
    void idle(Duration window) throws Exception {
        long calls0 = nginx.calls("/Handshake");
        double cpu0 = ProcStat.cpuSeconds(a.pid());
        Pg p0 = pg();
        long t0 = System.nanoTime();
        Thread.sleep(window.toMillis()); // a measurement window: the heartbeats are what is measured
        idleSeconds = (System.nanoTime() - t0) / 1e9;
        // Less what the instance and the database burn with nothing connected (measured before the devices came).
        idleServerCpu = Math.max(0, ProcStat.cpuSeconds(a.pid()) - cpu0 - baselineServer * idleSeconds);
        idlePg = pg().minus(p0);
        idlePgCpu = Math.max(0, idlePg.cpu() - baselinePg * idleSeconds);
        idleSyncs = nginx.calls("/Handshake") - calls0;
    }

    void heap(long heapBefore, long heapAfter, long rssBefore, long rssAfter, int devices) {
        heapPerDevice = (heapAfter - heapBefore) / (double) devices;
        rssPerDevice = (rssAfter - rssBefore) / (double) devices;
    }

    ProxiedInstances.Costs costs(long events, ProxiedFleetSimulation.Result r) {
        double e = Math.max(1, events);
        double syncs = Math.max(1, idleSyncs);
        return new ProxiedInstances.Costs(1000 * drainServerCpu / e, 1000 * drainPgCpu / e, 1000 * idleServerCpu / syncs,
                1000 * idlePgCpu / syncs, idleSyncs / Math.max(1e-9, idleSeconds), heapPerDevice,
                drainPg == null ? Double.NaN : drainPg.bytes() / e, drainPg == null ? Double.NaN : drainPg.walBytes() / e,
                drainPg == null ? Double.NaN : drainPg.walSyncs() / e, idlePg == null ? Double.NaN : idlePg.walSyncs() / syncs,
                drainPg == null ? Double.NaN : drainPg.dataWrites() / e, rssPerDevice,
                events / Math.max(1e-9, r.drain().toNanos() / 1e9));
    }
}
