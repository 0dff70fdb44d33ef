package vn.kiosk06.server.report;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.kiosk06.server.cli.StoreOptions;
import vn.kiosk06.server.config.ConfigFileException;
import vn.kiosk06.server.orgunit.OrgUnitDirectory;
import vn.kiosk06.server.orgunit.OrgUnitFileException;
import vn.kiosk06.server.db.Database;
import vn.kiosk06.server.db.Databases;
import vn.kiosk06.server.db.PostgresDatabase;
import vn.kiosk06.server.db.PostgresUrl;
import vn.kiosk06.server.store.EventStore;
import vn.kiosk06.server.store.PostgresEventStore;
import vn.kiosk06.server.store.SqliteEventStore;
import vn.kiosk06.server.db.StoreException;
import vn.kiosk06.server.time.EventTimeCorrector;
import vn.kiosk06.server.time.TimeCorrectionPolicy;

/**
 * {@code kiosk06-server report --unit U --period P}: prints a unit's report paragraph, read straight from the store
 * file (no server needed; SQLite's WAL lets it read while a server writes). The org units and targets are the ones
 * the servers on that database use (imported from {@code --org-units}/{@code --targets} or the bundled demo if no
 * server ran there yet).
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Print a unit's report paragraph for a period, from the server's store.")
public final class ReportCommand implements Callable<Integer> {

    @Option(names = "--unit", required = true, description = "Org unit code, e.g. PQ (see GET /api/v1/units).")
    String unit;

    @Option(names = "--period", required = true,
            description = "Period spec: month:11@2026-06, week:WED@2026-06-24, months:6@2025-12-11, window:A..B, cumulative:A..B.")
    String period;

    @Option(names = "--lang", defaultValue = "vi", description = "vi (default) or en.")
    String lang;

    @Mixin
    StoreOptions store = new StoreOptions();

    @Option(names = "--org-units", description = "Org-unit CSV (default: as the server resolves it).")
    Path orgUnits;

    @Option(names = "--targets", description = "Targets CSV (default: the bundled demo targets).")
    Path targets;

    @Option(names = "--silent-after-days", defaultValue = "3", description = "Silence threshold in days (default ${DEFAULT-VALUE}).")
    int silentAfterDays;

    @Override
    public Integer call() {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PeriodSpec spec;
        try {
            spec = PeriodSpec.parse(period);
        } catch (PeriodSpecException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        String db;
        Path dataDir;
        try {
            db = store.db();
            dataDir = store.dataDir();
        } catch (ConfigFileException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        if (db != null) {
            try {
                PostgresUrl.parse(db);
            } catch (IllegalArgumentException e) {
                System.err.println("--db: " + e.getMessage());
                return 2;
            }
        } else if (!Files.exists(dataDir.resolve("kiosk06.db"))) {
            System.err.println("no store in " + dataDir.toAbsolutePath() + " (kiosk06.db); pass --data-dir");
            return 2;
        }
        try (Database database = Databases.open(db, dataDir);
             EventStore store = database instanceof PostgresDatabase pg
                     ? PostgresEventStore.open(pg.dataSource(), new EventTimeCorrector(TimeCorrectionPolicy.defaults()), 1)
                     : SqliteEventStore.open(dataDir)) {
            // The org units and targets the servers on this database share (imported from CSV if none ran yet).
            ReportService reports = new ReportService(store, new OrgUnitDirectory(database, dataDir, orgUnits),
                    new UnitTargets(database, dataDir, targets), Clock.systemUTC(), silentAfterDays);
            ReportParagraph p = reports.report(unit, spec).paragraph();
            out.println("en".equalsIgnoreCase(lang) ? p.english() : p.vietnamese());
            return 0;
        } catch (UnknownUnitException | StoreException | OrgUnitFileException e) {
            System.err.println(e.getMessage());
            return 2;
        }
    }
}
