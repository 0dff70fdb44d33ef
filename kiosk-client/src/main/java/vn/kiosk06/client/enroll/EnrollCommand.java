package vn.kiosk06.client.enroll;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.kiosk06.client.config.ConfigException;
import vn.kiosk06.wire.EnrollmentCode;

/**
 * {@code ./kiosk06 client enroll --code CODE [--server HOST:PORT] --data-dir DIR}: exchanges an enrollment code for
 * the device's credential, verifying the server by the fingerprint in the code. Exit 0 enrolled, 2 bad arguments,
 * 1 refused or unreachable; one line of explanation, never a stack trace.
 */
@Command(name = "enroll", mixinStandardHelpOptions = true,
        description = "Enroll this device with the code from './kiosk06 admin device add'.")
public final class EnrollCommand implements Callable<Integer> {

    @Option(names = "--code", required = true, description = "The enrollment code (K6-…-…[@host:port]).")
    String code;

    @Option(names = "--server", description = "The server's gRPC address, host:port (default: the address in the code).")
    String server;

    @Option(names = "--data-dir", required = true, description = "The device's data directory (as in its config file).")
    Path dataDir;

    @Override
    public Integer call() {
        EnrollmentCode parsed;
        try {
            parsed = EnrollmentCode.parse(code);
        } catch (IllegalArgumentException e) {
            System.err.println("kiosk06 client enroll: " + e.getMessage());
            return 2;
        }
        String target = server != null ? server : parsed.address().orElse(null);
        if (target == null) {
            System.err.println("kiosk06 client enroll: the code carries no server address; give --server HOST:PORT");
            return 2;
        }
        try {
            DeviceCredential c = Enroller.enroll(parsed, target, dataDir, "0.1.0");
            System.out.println("Enrolled as device '" + c.deviceId() + "' (unit " + c.orgUnit() + "); credential in "
                    + DeviceCredential.file(dataDir) + " (0600), server certificate pinned (SHA-256 "
                    + parsed.fingerprintHex() + ").");
            System.out.println("Set device-id: " + c.deviceId() + " and server: " + target + " in the device's config file.");
            return 0;
        } catch (Enroller.EnrollmentFailed | ConfigException e) {
            System.err.println("kiosk06 client enroll: " + e.getMessage());
            return 1;
        }
    }
}
