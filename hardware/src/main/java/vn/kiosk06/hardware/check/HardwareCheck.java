package vn.kiosk06.hardware.check;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vn.kiosk06.hardware.DeviceUnavailableException;
import vn.kiosk06.hardware.printer.PrintResult;
import vn.kiosk06.hardware.printer.TicketPrinter;
import vn.kiosk06.hardware.serial.Framing;
import vn.kiosk06.hardware.serial.SerialLine;
import vn.kiosk06.hardware.serial.SerialPortConfig;

/**
 * Prints each configured device and whether it opens (readers) or answers a status query (printer). For field
 * technicians setting up a kiosk or handheld.
 *
 * <pre>
 * java -cp kiosk06-hardware-all.jar vn.kiosk06.hardware.check.HardwareCheck \
 *     --reader qr=/dev/ttyACM0 --reader chip=/dev/ttyUSB0 --printer /dev/ttyUSB1[@19200]
 * </pre>
 *
 * Exit code 0 if every device is OK, 1 otherwise, 2 on bad arguments. Single-threaded.
 */
public final class HardwareCheck {
    /** One device to check. */
    record Device(String kind, String path, int baud) {
    }

    private HardwareCheck() {
    }

    public static void main(String[] args) {
        List<Device> devices;
        try {
            devices = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: HardwareCheck [--reader qr|chip=PATH[@BAUD]]... [--printer PATH[@BAUD]]");
            System.exit(2);
            return;
        }
        System.exit(check(devices, System.out) ? 0 : 1);
    }

    static List<Device> parse(String[] args) {
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            String value = args[++i];
            switch (args[i - 1]) {
                case "--reader" -> {
                    int eq = value.indexOf('=');
                    if (eq < 0) {
                        throw new IllegalArgumentException("--reader must be qr=PATH or chip=PATH, was " + value);
                    }
                    String kind = value.substring(0, eq).toLowerCase(Locale.ROOT);
                    if (!kind.equals("qr") && !kind.equals("chip")) {
                        throw new IllegalArgumentException("reader kind must be qr or chip, was " + kind);
                    }
                    devices.add(device(kind + " reader", value.substring(eq + 1)));
                }
                case "--printer" -> devices.add(device("printer", value));
                default -> throw new IllegalArgumentException("unknown option " + args[i - 1]);
            }
        }
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("no devices given");
        }
        return devices;
    }

    private static Device device(String kind, String spec) {
        int at = spec.lastIndexOf('@');
        if (at < 0) {
            return new Device(kind, spec, 9600);
        }
        try {
            return new Device(kind, spec.substring(0, at), Integer.parseInt(spec.substring(at + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("baud must be a number, was " + spec.substring(at + 1));
        }
    }

    /** Checks each device, printing one line per device; true if all are OK. */
    static boolean check(List<Device> devices, PrintStream out) {
        boolean allOk = true;
        for (Device d : devices) {
            String verdict;
            if (d.kind().equals("printer")) {
                PrintResult status = TicketPrinter.onPort(d.path(), d.baud(), Duration.ofMillis(800)).status();
                verdict = status.printed() ? "OK (online, paper present)" : "FAIL (" + status + ")";
            } else {
                try (SerialLine line = SerialLine.open(SerialPortConfig.of(d.path(), Framing.LINE).withBaudRate(d.baud()))) {
                    verdict = "OK (opens)";
                } catch (DeviceUnavailableException e) {
                    verdict = "FAIL (" + e.getMessage() + ")";
                }
            }
            allOk &= verdict.startsWith("OK");
            out.printf("%-12s %-40s %6d baud  %s%n", d.kind(), d.path(), d.baud(), verdict);
        }
        return allOk;
    }
}
