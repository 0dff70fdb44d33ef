package vn.kiosk06.bench.scale;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The proxy section's figures in {@code bench scale}'s JSON and table; null / "not run" when it did not run. */
final class ProxiedFigures {

    private ProxiedFigures() {
    }

    /** The section's JSON members (without braces), each null when it did not run. */
    static String json(Optional<ProxiedInstances.Result> proxy) {
        Map<String, String> f = new java.util.LinkedHashMap<>();
        Optional<ProxiedInstances.Costs> c = proxy.map(ProxiedInstances.Result::costs);
        f.put("multi_instances", proxy.map(p -> String.valueOf(p.instances())).orElse("null"));
        f.put("multi_devices", proxy.map(p -> String.valueOf(p.run().devices())).orElse("null"));
        f.put("multi_events_sent", proxy.map(p -> String.valueOf((long) p.run().devices() * p.run().eventsPerDevice())).orElse("null"));
        f.put("multi_events_stored", proxy.map(p -> String.valueOf(p.eventsStored())).orElse("null"));
        f.put("multi_duplicates", proxy.map(p -> String.valueOf(p.duplicates())).orElse("null"));
        f.put("multi_losses", proxy.map(p -> String.valueOf(p.losses())).orElse("null"));
        f.put("multi_devices_not_exactly_once", proxy.map(p -> String.valueOf(p.devicesWrong())).orElse("null"));
        f.put("multi_reports_identical", proxy.map(p -> String.valueOf(p.reportsIdentical())).orElse("null"));
        f.put("multi_errors", proxy.map(p -> String.valueOf(p.run().errors())).orElse("null"));
        f.put("multi_through_proxy", proxy.map(p -> "\"nginx\"").orElse("null"));
        f.put("multi_instance_killed_at_acked", proxy.map(p -> String.valueOf(p.run().ackedAtMidway())).orElse("null"));
        f.put("multi_calls_per_instance", proxy.map(p -> p.callsPerUpstream().entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":" + e.getValue()).collect(Collectors.joining(",", "{", "}"))).orElse("null"));
        f.put("multi_events_per_s", c.map(x -> num(x.drainEventsPerSecond(), 0)).orElse("null"));
        f.put("server_cpu_ms_per_event", c.map(x -> num(x.serverCpuMsPerEvent(), 4)).orElse("null"));
        f.put("pg_cpu_ms_per_event", c.map(x -> num(x.pgCpuMsPerEvent(), 4)).orElse("null"));
        f.put("server_cpu_ms_per_sync", c.map(x -> num(x.serverCpuMsPerSync(), 3)).orElse("null"));
        f.put("pg_cpu_ms_per_sync", c.map(x -> num(x.pgCpuMsPerSync(), 3)).orElse("null"));
        f.put("heap_bytes_per_device", c.map(x -> num(x.heapBytesPerDevice(), 0)).orElse("null"));
        f.put("db_bytes_per_event", c.map(x -> num(x.dbBytesPerEvent(), 0)).orElse("null"));
        f.put("wal_bytes_per_event", c.map(x -> num(x.walBytesPerEvent(), 0)).orElse("null"));
        f.put("wal_syncs_per_event", c.map(x -> num(x.walSyncsPerEvent(), 4)).orElse("null"));
        f.put("wal_syncs_per_sync", c.map(x -> num(x.walSyncsPerSync(), 3)).orElse("null"));
        f.put("data_page_writes_per_event", c.map(x -> num(x.dataWritesPerEvent(), 4)).orElse("null"));
        f.put("nginx_rss_bytes_per_device", c.map(x -> num(x.nginxRssBytesPerDevice(), 0)).orElse("null"));
        return f.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue()).collect(Collectors.joining(","));
    }

    static String table(Optional<ProxiedInstances.Result> proxy, String row) {
        if (proxy.isEmpty()) {
            return String.format(Locale.ROOT, row, "two instances behind nginx on one PostgreSQL", "not run", "", "");
        }
        ProxiedInstances.Result p = proxy.get();
        ProxiedInstances.Costs c = p.costs();
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, row, String.format(Locale.ROOT, "nginx → 2 instances, %,d devices × %,d events, one killed: "
                + "stored", p.run().devices(), p.run().eventsPerDevice()), String.format(Locale.ROOT, "%,d", p.eventsStored()),
                String.format(Locale.ROOT, "%,d", (long) p.run().devices() * p.run().eventsPerDevice()), verdict(p.passed())));
        s.append(String.format(Locale.ROOT, row, "  duplicates / losses / devices not exactly once", p.duplicates() + " / "
                + p.losses() + " / " + p.devicesWrong(), "0 / 0 / 0", verdict(p.duplicates() == 0 && p.losses() == 0 && p.devicesWrong() == 0)));
        s.append(String.format(Locale.ROOT, row, "  report asked of each instance", p.reportsIdentical() ? "identical" : "DIFFERENT",
                "identical", verdict(p.reportsIdentical())));
        s.append(String.format(Locale.ROOT, row, "  calls per instance (nginx)", p.callsPerUpstream().toString(), "", ""));
        s.append(String.format(Locale.ROOT, row, "  server / PostgreSQL CPU per event", num(c.serverCpuMsPerEvent(), 3) + " / "
                + num(c.pgCpuMsPerEvent(), 3) + " ms", "(printed)", ""));
        s.append(String.format(Locale.ROOT, row, "  server / PostgreSQL CPU per heartbeat sync", num(c.serverCpuMsPerSync(), 2) + " / "
                + num(c.pgCpuMsPerSync(), 2) + " ms", "(printed)", ""));
        s.append(String.format(Locale.ROOT, row, "  DB / WAL bytes per event", num(c.dbBytesPerEvent(), 0) + " / "
                + num(c.walBytesPerEvent(), 0), "(printed)", ""));
        s.append(String.format(Locale.ROOT, row, "  heap per device / nginx RSS per connection", num(c.heapBytesPerDevice() / 1024, 1)
                + " / " + num(c.nginxRssBytesPerDevice() / 1024, 1) + " KiB", "(printed)", ""));
        return s.toString();
    }

    private static String num(double v, int decimals) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "null" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String verdict(boolean pass) {
        return pass ? "PASS" : "MISS";
    }
}
