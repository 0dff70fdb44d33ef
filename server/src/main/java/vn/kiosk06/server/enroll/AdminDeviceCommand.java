package vn.kiosk06.server.enroll;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vn.kiosk06.server.config.ConfigFileException;
import vn.kiosk06.server.cli.StoreOptions;
import vn.kiosk06.server.db.Database;
import vn.kiosk06.server.audit.AuditLog;
import vn.kiosk06.server.db.Databases;
import vn.kiosk06.server.tls.ServerIdentity;
import vn.kiosk06.server.tls.TlsException;

/**
 * {@code kiosk06-server admin device add|revoke|list}: the device registry from the command line, on the server
 * machine (it opens the server's store directly; a running server sees changes on the device's next call).
 */
public final class AdminDeviceCommand {

    private AdminDeviceCommand() {
    }

    /** Where the server's store is ({@link StoreOptions}), and the server identity its configuration names. */
    static final class Store extends StoreOptions {

        ServerIdentity identity() {
            return ServerIdentity.load(dataDir(), configuredPath("kiosk06.server.tls.cert"),
                    configuredPath("kiosk06.server.tls.key"));
        }

        DeviceRegistry registry(Database db) {
            return new DeviceRegistry(db, Clock.systemUTC(), new SecureRandom(), () -> identity().fingerprint());
        }
    }

    @Command(name = "device", mixinStandardHelpOptions = true, description = "Register, revoke and list devices.",
            subcommands = {Add.class, Revoke.class, ListDevices.class})
    public static final class Device implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().usage(spec.commandLine().getOut());
            return 2;
        }
    }

    /** Runs {@code work} on the store; prints one line, never a stack trace, on a refused request. */
    static int run(CommandLine.Model.CommandSpec spec, Store store, Work work) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Database db = Databases.open(store.db(), store.dataDir())) {
            return work.run(store.registry(db), new AuditLog(db, Clock.systemUTC()), out);
        } catch (EnrollmentException | ConfigFileException | TlsException e) {
            err.println("kiosk06 admin: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("kiosk06 admin: " + e.getMessage());
            return 1;
        }
    }

    interface Work {
        int run(DeviceRegistry registry, AuditLog audit, PrintWriter out);
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Register a device and print its one-time enrollment code.")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        Store store = new Store();

        @Option(names = "--device-id", description = "The device's id, e.g. kiosk-pq-01.")
        String deviceId;

        @Option(names = "--unit", description = "The org unit it serves, e.g. PQ-DD.")
        String unit;

        @Option(names = "--csv", description = "Register every device of this CSV file (header device_id,unit) in one go; "
                + "prints device_id,unit,code,expires_at as CSV. A file with any problem registers nothing.")
        Path csv;

        @Option(names = "--sheet", description = "With --csv: write the technicians' printable QR sheet (HTML) here.")
        Path sheet;

        @Option(names = "--valid", defaultValue = "24h", description = "How long the code works: 30m, 24h, 7d … (default 24h, at most 30d).")
        String valid;

        @Option(names = "--address", description = "The server's gRPC address as devices reach it (host:port), put in the code.")
        String address;

        @Option(names = "--by", defaultValue = "cli", description = "Who registers (recorded).")
        String by;

        @Override
        public Integer call() {
            if (csv != null || sheet != null) {
                if (csv == null || deviceId != null || unit != null) {
                    spec.commandLine().getErr().println("kiosk06 admin: give either --csv FILE [--sheet FILE] or --device-id and --unit");
                    return 2;
                }
                try {
                    return BulkDeviceAdd.run(store, csv, Optional.ofNullable(sheet), duration(valid), by,
                            Optional.ofNullable(address), spec.commandLine().getOut(), spec.commandLine().getErr());
                } catch (EnrollmentException e) {
                    spec.commandLine().getErr().println("kiosk06 admin: " + e.getMessage());
                    return 2;
                }
            }
            if (deviceId == null || unit == null) {
                spec.commandLine().getErr().println("kiosk06 admin: --device-id and --unit are required (or --csv FILE)");
                return 2;
            }
            return run(spec, store, (registry, audit, out) -> {
                IssuedCode issued = registry.register(deviceId, unit, duration(valid), by, Optional.ofNullable(address));
                audit.record(actor(by), AuditLog.DEVICE_ENROLL, deviceId, "unit " + unit + ", code valid " + valid);
                out.println("Enrollment code for device '" + deviceId + "' (unit " + unit + "), valid until "
                        + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(issued.expiresAt().atZone(ZoneId.systemDefault()))
                        + ", works once:");
                out.println();
                out.println("  " + issued.code().text());
                out.println();
                out.println("On the device: ./kiosk06 client enroll --code CODE --server HOST:PORT --data-dir DIR");
                out.println("Server certificate SHA-256: " + issued.code().fingerprintHex());
                return 0;
            });
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a device: its next call is refused.")
    static final class Revoke implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        Store store = new Store();

        @Parameters(index = "0", description = "The device's id.")
        String deviceId;

        @Option(names = "--by", defaultValue = "cli", description = "Who revokes (recorded).")
        String by;

        @Override
        public Integer call() {
            return run(spec, store, (registry, audit, out) -> {
                boolean now = registry.revoke(deviceId, by);
                if (now) {
                    audit.record(actor(by), AuditLog.DEVICE_REVOKE, deviceId, "");
                }
                out.println(now ? "Device '" + deviceId + "' revoked; its next call is refused."
                        : "Device '" + deviceId + "' was already revoked.");
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List registered devices.")
    static final class ListDevices implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        Store store = new Store();

        @Override
        public Integer call() {
            return run(spec, store, (registry, audit, out) -> {
                List<RegisteredDevice> devices = registry.list();
                out.printf("%-24s %-12s %-12s %s%n", "DEVICE", "UNIT", "STATE", "SINCE");
                for (RegisteredDevice d : devices) {
                    String since = d.revokedAt().or(d::enrolledAt).orElse(d.registeredAt()).toString()
                            + d.revokedBy().map(b -> " by " + b).orElse("");
                    out.printf("%-24s %-12s %-12s %s%n", d.deviceId(), d.unitCode(), d.state(), since);
                }
                if (devices.isEmpty()) {
                    out.println("(no devices registered; ./kiosk06 admin device add --device-id ID --unit U)");
                }
                return 0;
            });
        }
    }

    /** The audit log's actor: who ran the command, as the dashboard's users are named by their log-in. */
    static String actor(String by) {
        return "cli".equals(by) ? "cli:" + System.getProperty("user.name", "unknown") : by;
    }

    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})(m|h|d)");

    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            throw new EnrollmentException(EnrollmentException.Reason.INVALID,
                    "--valid must be a duration such as 30m, 24h or 7d, was '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
