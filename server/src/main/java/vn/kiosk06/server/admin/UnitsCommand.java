package vn.kiosk06.server.admin;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import vn.kiosk06.server.audit.AuditLog;
import vn.kiosk06.server.cli.StoreOptions;
import vn.kiosk06.server.config.ConfigFileException;
import vn.kiosk06.server.db.Database;
import vn.kiosk06.server.db.Databases;
import vn.kiosk06.server.orgunit.OrgUnitDirectory;
import vn.kiosk06.server.orgunit.OrgUnitTree;
import vn.kiosk06.server.db.StoreException;

/**
 * {@code kiosk06-server admin units export|import}: the org-unit tree the servers share, as CSV. Export prints it (with the
 * devices placed where admins put them); import replaces the whole tree with a file's, in one transaction, after the
 * same checks as at first start — a file with any problem changes nothing and every problem is printed with its line.
 * Safe while servers run: each sees the new tree on its next request. An import is audited.
 */
@Command(name = "units", mixinStandardHelpOptions = true, description = "The org-unit tree as CSV: export, import.",
        subcommands = {UnitsCommand.Export.class, UnitsCommand.Import.class})
final class UnitsCommand implements Runnable {

    @ParentCommand
    AdminCommand admin;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(admin.out);
    }

    @FunctionalInterface
    interface UnitsWork {
        int run(OrgUnitDirectory units, AuditLog audit);
    }

    int withUnits(StoreOptions store, UnitsWork work) {
        Path dir = store.dataDir();
        try (Database database = Databases.open(store.db(), dir)) {
            return work.run(new OrgUnitDirectory(database, dir, null), new AuditLog(database, Clock.systemUTC()));
        } catch (StoreException | ConfigFileException | IllegalArgumentException | java.io.UncheckedIOException e) {
            admin.err.println("kiosk06 admin units: " + e.getMessage());
            return 1;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Print the tree as CSV.")
    static final class Export implements Callable<Integer> {

        @ParentCommand
        UnitsCommand units;

        @Mixin
        StoreOptions store = new StoreOptions();

        @Override
        public Integer call() {
            return units.withUnits(store, (directory, audit) -> {
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

        @Mixin
        StoreOptions store = new StoreOptions();

        @Parameters(index = "0", paramLabel = "FILE", description = "An org-unit CSV (code,name,level,parent,go_live).")
        Path file;

        @Override
        public Integer call() {
            return units.withUnits(store, (directory, audit) -> {
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
