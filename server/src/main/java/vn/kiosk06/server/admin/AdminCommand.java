package vn.kiosk06.server.admin;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import vn.kiosk06.server.enroll.AdminDeviceCommand;
import vn.kiosk06.server.seal.SealingKeyCommand;

/**
 * {@code kiosk06-server admin …}: administration from the server's command line. {@code admin user add|list|disable}
 * manages dashboard users (the first admin can only come from here: there is no default password);
 * {@code admin device add|revoke|list} the device registry ({@link AdminDeviceCommand}); {@code admin units
 * export|import} the org-unit tree as CSV ({@link UnitsCommand}); {@code admin sealing-key list|rotate} the keys
 * devices seal citizen ids to ({@link SealingKeyCommand}).
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
        subcommands = {UserCommand.class, AdminDeviceCommand.Device.class, UnitsCommand.class, SealingKeyCommand.class},
        description = "Administer the Kiosk06 server: dashboard users, devices, org units and the keys citizen ids are sealed to.")
public final class AdminCommand implements Runnable {

    @Spec
    CommandSpec spec;

    private final InputStream in;
    private final Console console;
    final PrintStream out;
    final PrintStream err;

    /**
     * @param console the terminal to prompt for passwords on without echo, or null to read them from {@code in}
     */
    public AdminCommand(InputStream in, Console console, PrintStream out, PrintStream err) {
        this.in = in;
        this.console = console;
        this.out = out;
        this.err = err;
    }


    /** Runs {@code args} against {@code admin}, returning the exit code (tests call this). */
    public static int run(AdminCommand admin, String... args) {
        return new CommandLine(admin).setOut(new java.io.PrintWriter(admin.out, true))
                .setErr(new java.io.PrintWriter(admin.err, true)).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(out);
    }

    /**
     * A new password: typed twice without echo on a terminal, else the first line of standard input (for
     * scripts: {@code printf '%s\n' "$PW" | ./kiosk06 admin user add …}). Never an argument: argv is visible to
     * every user of the machine and lands in shell history.
     */
    char[] readNewPassword() {
        if (console != null) {
            char[] first = console.readPassword("Password (at least 12 characters): ");
            char[] again = console.readPassword("Password again: ");
            if (first == null || again == null || !java.util.Arrays.equals(first, again)) {
                throw new AdminException("the two passwords differ; nothing was changed");
            }
            java.util.Arrays.fill(again, '\0');
            return first;
        }
        try {
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new AdminException("no password on standard input (give it on the first line, or run on a terminal)");
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw new AdminException("cannot read the password from standard input: " + e.getMessage());
        }
    }
}
