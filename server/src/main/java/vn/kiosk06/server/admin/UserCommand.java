package vn.kiosk06.server.admin;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import vn.kiosk06.server.audit.AuditLog;
import vn.kiosk06.server.security.AuthException;
import vn.kiosk06.server.security.DashboardUser;
import vn.kiosk06.server.auth.PasswordHasher;
import vn.kiosk06.server.security.Role;
import vn.kiosk06.server.auth.UserDirectory;
import vn.kiosk06.server.cli.StoreOptions;
import vn.kiosk06.server.config.ConfigFileException;
import vn.kiosk06.server.db.Database;
import vn.kiosk06.server.db.Databases;
import vn.kiosk06.server.orgunit.OrgUnitDirectory;
import vn.kiosk06.server.orgunit.OrgUnitTree;
import vn.kiosk06.server.db.StoreException;

/**
 * {@code kiosk06-server admin user add|list|disable}: dashboard users, written straight into the server's database
 * (safe while the server runs). Every change is audited with the operating-system user as the actor.
 */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Dashboard users: add, list, disable.",
        subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Disable.class})
final class UserCommand implements Runnable {

    @ParentCommand
    AdminCommand admin;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--org-units", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "The org-unit CSV the server was given, if any and not edited since from the dashboard.")
    Path orgUnits;

    @Override
    public void run() {
        spec.commandLine().usage(admin.out);
    }

    /** Runs {@code work} against the server's users, mapping bad input to a message and exit code 1. */
    int withUsers(StoreOptions store, UsersWork work) {
        Clock clock = Clock.systemUTC();
        try (Database db = Databases.open(store.db(), store.dataDir())) {
            UserDirectory users = new UserDirectory(db, new PasswordHasher(new SecureRandom()), clock);
            return work.run(users, new AuditLog(db, clock), new OrgUnitDirectory(db, store.dataDir(), orgUnits).tree());
        } catch (AuthException | AdminException | StoreException | ConfigFileException | IllegalArgumentException e) {
            admin.err.println("kiosk06 admin user: " + e.getMessage());
            return 1;
        }
    }

    static String actor() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }

    @FunctionalInterface
    interface UsersWork {
        int run(UserDirectory users, AuditLog audit, OrgUnitTree tree);
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a user; the password is asked for (twice) on the terminal, or read from the first line of stdin.")
    static final class Add implements Callable<Integer> {

        @ParentCommand
        UserCommand user;

        @Mixin
        StoreOptions store = new StoreOptions();

        @Option(names = "--name", required = true, description = "Log-in name: 3–64 of a-z, 0-9, '.', '_', '-'.")
        String name;

        @Option(names = "--role", required = true, description = "admin or viewer.")
        String role;

        @Option(names = "--unit", required = true,
                description = "Code of the org unit whose subtree the user sees (ROOT: the tree's root, the whole province).")
        String unit;

        @Override
        public Integer call() {
            return user.withUsers(store, (users, audit, tree) -> {
                Role r = Role.parse(role);
                DashboardUser.checkName(name);
                if (users.find(name).isPresent()) {
                    throw new AuthException("user '" + name + "' exists already");
                }
                char[] password = user.admin.readNewPassword();
                DashboardUser added;
                try {
                    added = users.add(name, r, unit, password, tree);
                } finally {
                    java.util.Arrays.fill(password, '\0');
                }
                audit.record(actor(), AuditLog.USER_ADD, added.name(), added.role().id() + " of " + added.unitCode());
                user.admin.out.println("added " + added.role().id() + " " + added.name() + " for " + added.unitCode()
                        + " and below (store " + store.dataDir().resolve("kiosk06.db") + ")");
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List users: name, role, unit, status.")
    static final class ListUsers implements Callable<Integer> {

        @ParentCommand
        UserCommand user;

        @Mixin
        StoreOptions store = new StoreOptions();

        @Override
        public Integer call() {
            return user.withUsers(store, (users, audit, tree) -> {
                List<DashboardUser> all = users.list();
                user.admin.out.printf("%-24s %-7s %-16s %-9s %s%n", "NAME", "ROLE", "UNIT", "STATUS", "CREATED");
                for (DashboardUser u : all) {
                    user.admin.out.printf("%-24s %-7s %-16s %-9s %s%n", u.name(), u.role().id(), u.unitCode(),
                            u.disabled() ? "disabled" : "active", Instant.ofEpochMilli(u.createdMs()));
                }
                if (all.isEmpty()) {
                    user.admin.out.println("(no users yet: ./kiosk06 admin user add --name N --role admin --unit ROOT)");
                }
                return 0;
            });
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Disable a user: they cannot log in, and their open sessions end now.")
    static final class Disable implements Callable<Integer> {

        @ParentCommand
        UserCommand user;

        @Mixin
        StoreOptions store = new StoreOptions();

        @Option(names = "--name", required = true, description = "The user to disable.")
        String name;

        @Override
        public Integer call() {
            return user.withUsers(store, (users, audit, tree) -> {
                DashboardUser u = users.disable(name);
                audit.record(actor(), AuditLog.USER_DISABLE, u.name(), "sessions ended");
                user.admin.out.println("disabled " + u.name() + "; their sessions have ended");
                return 0;
            });
        }
    }
}
