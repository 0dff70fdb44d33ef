package vn.kiosk06.server.admin;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import vn.kiosk06.server.audit.AuditLog;
import vn.kiosk06.server.db.Database;
import vn.kiosk06.server.db.Databases;
import vn.kiosk06.server.orgunit.OrgUnitDirectory;
import vn.kiosk06.server.orgunit.OrgUnitTree;
import vn.kiosk06.server.store.StoreException;

/**
 * {@code ./kiosk06 admin units export|import}: the org-unit tree the servers share, as CSV. Export prints it (with the
 * devices placed where admins put them); import replaces the whole tree with a file's, in one transaction, after the
 * same checks as at first start — a file with any problem changes nothing and every problem is printed with its line.
 * Safe while servers run: each sees the new tree on its next request. An import is audited.
 */
@Command(name = "units", mixinStandardHelpOptions = true, description = "The org-unit tree as CSV: export, import.",
        subcommands = {UnitsCommand.Export.class, UnitsCommand.Import.class})
final class UnitsCommand implements Runnable {

    @ParentCommand
    AdminMain admin;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data-dir", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "The server's data directory (default: $KIOSK06_SERVER_DATA_DIR, else ./data).")
    Path dataDir;

    @Option(names = "--db", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "The PostgreSQL the servers share (default: $KIOSK06_SERVER_DB, else the SQLite store in the "
                    + "data directory).")
    String db;

    @Override
    public void run() {
        spec.commandLine().usage(admin.out);
    }

    @FunctionalInterface
    interface UnitsWork {
        int run(OrgUnitDirectory units, AuditLog audit);
    }

    int withUnits(UnitsWork work) {
        Path dir = dataDir != null ? dataDir : Path.of(env("KIOSK06_SERVER_DATA_DIR", "data"));
        try (Database database = Databases.open(db != null ? db : System.getenv("KIOSK06_SERVER_DB"), dir)) {
            return work.run(new OrgUnitDirectory(database, dir, null), new AuditLog(database, Clock.systemUTC()));
        } catch (StoreException | IllegalArgumentException | java.io.UncheckedIOException e) {
            admin.err.println("kiosk06 admin units: " + e.getMessage());
            return 1;
        }
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value != null && !value.isBlank() ? value : otherwise;
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Print the tree as CSV.")
    static final class Export implements Callable<Integer> {

        @ParentCommand
        UnitsCommand units;

        @Override
        public Integer call() {
            return units.withUnits((directory, audit) -> {
                units.admin.out.print(directory.tree().toCsv("Kiosk06 org units, exported from the database"));
                return 0;
            });
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Replace the whole tree with FILE's (devices not in FILE lose their place).")
    static final class Import implements Callable<Integer> {

        @ParentCommand
        UnitsCommand units;

        @Parameters(index = "0", paramLabel = "FILE", description = "An org-unit CSV (code,name,level,parent,go_live).")
        Path file;

        @Override
        public Integer call() {
            return units.withUnits((directory, audit) -> {
                OrgUnitTree next = OrgUnitTree.load(file);
                int before = directory.tree().units().size();
                directory.replace(next);
                audit.record(UserCommand.actor(), AuditLog.UNITS_IMPORT, file.getFileName().toString(),
                        before + " units replaced by " + next.units().size());
                units.admin.out.println("imported " + next.units().size() + " units from " + file + " (were " + before + ")");
                return 0;
            });
        }
    }
}
