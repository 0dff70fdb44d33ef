package vn.kiosk06.client.hardware;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.kiosk06.client.config.ClientConfig;
import vn.kiosk06.client.config.ClientConfigFile;
import vn.kiosk06.client.config.ConfigException;
import vn.kiosk06.hardware.DeviceUnavailableException;
import vn.kiosk06.hardware.gpio.Gpio;
import vn.kiosk06.hardware.gpio.GpioFactory;
import vn.kiosk06.hardware.gpio.GpioPins;
import vn.kiosk06.hardware.printer.PrintResult;
import vn.kiosk06.hardware.printer.TicketPrinter;
import vn.kiosk06.hardware.serial.Framing;
import vn.kiosk06.hardware.serial.SerialLine;
import vn.kiosk06.hardware.serial.SerialPortConfig;

/**
 * {@code ./kiosk06 hardware-check --config FILE}: for a technician installing a device, lists the devices the
 * config file names and whether each answers — a reader's port opens, the printer reports online with paper —
 * plus the GPIO board and the citizen-key secret. Exit code 0 when all are OK, 1 otherwise, 2 for a bad config.
 * Run it while the device app is stopped: a reader the app holds open may look busy. Single-threaded.
 */
@Command(name = "hardware-check", mixinStandardHelpOptions = true,
        description = "Check the devices named in a Kiosk06 device config file.")
public final class HardwareCheckCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "The device's configuration file (YAML).")
    Path config;

    private final PrintStream out;

    public HardwareCheckCommand() {
        this(System.out);
    }

    HardwareCheckCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        Map<String, Object> props;
        try {
            props = ClientConfigFile.load(config, ClientConfigFile.DevicePaths.MAY_BE_ABSENT);
        } catch (ConfigException e) {
            System.err.println("kiosk06 hardware-check: " + e.getMessage());
            return 2;
        }
        out.println("devices in " + config + ":");
        boolean ok = true;
        int devices = 0;
        for (String kind : new String[] {"qr-reader", "chip-reader"}) {
            Optional<String> path = text(props, kind);
            if (path.isPresent()) {
                devices++;
                String framing = text(props, kind + "-framing")
                        .orElse(kind.equals("qr-reader") ? ClientConfig.QR_FRAMING : ClientConfig.CHIP_FRAMING);
                int baud = number(props, kind + "-baud", ClientConfig.READER_BAUD);
                ok &= line(kind, path.get(), baud + " baud, " + framing, reader(path.get(), framing, baud));
            }
        }
        Optional<String> printer = text(props, "printer");
        if (printer.isPresent()) {
            devices++;
            int baud = number(props, "printer-baud", ClientConfig.PRINTER_BAUD);
            PrintResult status = TicketPrinter.onPort(printer.get(), baud, TicketService.STATUS_TIMEOUT).status();
            ok &= line("printer", printer.get(), baud + " baud",
                    status.printed() ? "OK (online, paper present)" : "FAIL (" + status + ")");
        }
        if (devices == 0) {
            out.println("  no reader or printer configured (keys: qr-reader, chip-reader, printer)");
        }
        String gpio = text(props, "gpio").orElse("auto");
        GpioPins pins = pins(props);
        ok &= line("gpio", gpio, "BCM " + pins.green() + "/" + pins.amber() + "/" + pins.red() + ", " + pins.buzzer()
                + ", " + pins.button(), gpio.equals("off") ? "OK (off by config)" : board(pins));
        ok &= secret(props);
        out.println(ok ? "all OK" : "some devices FAIL: check cables, the paths (ls -l /dev/serial/by-id/) and that "
                + "this user may open them (group dialout)");
        return ok ? 0 : 1;
    }

    private static String reader(String path, String framing, int baud) {
        try {
            SerialLine.open(SerialPortConfig.of(path, Framing.parse(framing)).withBaudRate(baud)).close();
            return "OK (opens)";
        } catch (DeviceUnavailableException e) {
            return "FAIL (" + e.getMessage() + ")";
        }
    }

    /** Opens the pins as the app would (the app must be stopped, or its pins look busy) and says how it went. */
    private static String board(GpioPins pins) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (Gpio board = GpioFactory.open(pins, timer, Clock.systemUTC())) {
            if (!board.problems().isEmpty()) {
                return "FAIL (" + String.join("; ", board.problems()) + ")";
            }
            return board.isReal() ? "OK (light, buzzer and button open on the GPIO chip)"
                    : "OK (no usable GPIO chip here: light, buzzer and button are not wired; see the log line above)";
        } finally {
            timer.shutdownNow();
        }
    }

    private static GpioPins pins(Map<String, Object> props) {
        GpioPins wiring = GpioPins.defaults();
        return new GpioPins(pin(props, "gpio-light-green", wiring.green()), pin(props, "gpio-light-amber", wiring.amber()),
                pin(props, "gpio-light-red", wiring.red()), pin(props, "gpio-buzzer", wiring.buzzer()),
                pin(props, "gpio-button", wiring.button()), wiring.lightsActiveHigh(), wiring.buzzerActiveHigh(),
                wiring.buttonActiveLow(), wiring.debounce());
    }

    private static int pin(Map<String, Object> props, String key, int fallback) {
        return number(props, key, String.valueOf(fallback));
    }

    private boolean secret(Map<String, Object> props) {
        Optional<String> configured = text(props, "citizen-key-secret-file");
        Path file = configured.map(Path::of)
                .orElseGet(() -> Path.of(String.valueOf(props.get("kiosk06.client.data-dir"))).resolve("citizen-key.secret"));
        String verdict;
        if (!Files.exists(file)) {
            verdict = configured.isPresent() ? "FAIL (missing: copy the deployment's secret here, chmod 600)"
                    : "OK (absent: generated at first start)";
        } else {
            verdict = CitizenKeySecret.problem(file).map(p -> "FAIL (" + p + ")").orElse("OK (owner-only)");
        }
        return line("key secret", file.toString(), "", verdict);
    }

    private boolean line(String kind, String path, String settings, String verdict) {
        out.printf("  %-12s %-40s %-18s %s%n", kind, path, settings, verdict);
        return verdict.startsWith("OK");
    }

    private static Optional<String> text(Map<String, Object> props, String key) {
        return Optional.ofNullable(props.get("kiosk06.client." + key)).map(String::valueOf);
    }

    private static int number(Map<String, Object> props, String key, String fallback) {
        return Integer.parseInt(text(props, key).orElse(fallback));
    }
}
