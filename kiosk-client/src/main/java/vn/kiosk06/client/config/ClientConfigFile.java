package vn.kiosk06.client.config;

import vn.kiosk06.configkeys.FileKeys;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import vn.kiosk06.hardware.gpio.GpioPins;
import vn.kiosk06.hardware.serial.Framing;
import vn.kiosk06.wire.EventRules;

/**
 * Reads the device's configuration file — flat YAML a technician can write by hand:
 * <pre>
 * device-id: kiosk-pq-01
 * server: aggregator.example.vn:7443
 * data-dir: /var/lib/kiosk06
 * http-port: 8081
 * mode: kiosk            # or field
 * qr-reader: /dev/serial/by-id/usb-QR-if00     # optional devices: qr-reader, chip-reader, printer
 * qr-reader-framing: line                      #   (+ -framing line|stx-etx, -baud N)
 * printer: /dev/ttyUSB1
 * gpio: auto             # or off
 * gpio-buzzer: 18        # BCM pins: gpio-light-green/-amber/-red, gpio-buzzer, gpio-button
 * citizen-key-secret-file: /etc/kiosk06/citizen-key.secret
 * facility-code: PQ01    # kiosk: transaction codes PQ01-261123-0042
 * idle-timeout: 60s      # kiosk: back to Welcome after this long untouched
 * payment-timeout: 5m
 * payment-webhook-secret: change-me-long-random   # the gateway sends it in X-Kiosk06-Secret
 * bank-bin: 970436       # VietQR: the facility's bank BIN and account
 * bank-account: 0011001234567
 * bank-name: Vietcombank                          # shown beside the VietQR code
 * bank-account-name: TRUNG TAM Y TE PHU QUOC      # the holder, as banking apps show it
 * fee-vnd: 50000         # optional: overrides the server's fee
 * insecure: false       # true: plaintext sync without enrollment (development only)
 * teams: TCNS-AP1, TCNS-AP2        # field: teams and areas offered once per shift
 * areas: Ấp 1, Ấp 2
 * </pre>
 * and turns it into Micronaut properties. Strict: an unknown key (with the keys that exist), a duplicate, a bad
 * value or a reader that is not plugged in is refused with the file and the line, never silently ignored.
 * Stateless and thread-safe.
 */
public final class ClientConfigFile {

    /**
     * The keys: {@link ClientConfig}'s components, and what the file sets beyond them. journal-max-mb and
     * journal-min-free-mb are in MiB, their components in bytes (check converts).
     */
    static final FileKeys KEYS = new FileKeys(List.of(
            FileKeys.Section.of(ClientConfig.class)
                    .renamed("journalMaxBytes", "journal-max-mb")
                    .renamed("journalMinFreeBytes", "journal-min-free-mb")),
            Map.of("http-port", "micronaut.server.port",
                    // Logging starts before the application context: ClientMain hands these to logback itself.
                    "log-format", "kiosk06.log.format",
                    "log-dir", "kiosk06.log.dir"));
    /** A device's settings are only meaningful with the device: a lone baud rate is most likely a typo'd port key. */
    private static final Map<String, String> NEEDS = Map.of(
            "qr-reader-framing", "qr-reader",
            "qr-reader-baud", "qr-reader",
            "chip-reader-framing", "chip-reader",
            "chip-reader-baud", "chip-reader",
            "printer-baud", "printer",
            "bank-account", "bank-bin",
            "bank-bin", "bank-account",
            "bank-name", "bank-bin",
            "bank-account-name", "bank-bin");
    /** Serial devices: configured, they must be there at start; unplugged later, the app reconnects on its own. */
    private static final Map<String, String> DEVICES = Map.of(
            "qr-reader", "the QR reader", "chip-reader", "the chip reader", "printer", "the printer");
    private static final Set<String> GPIO = Set.of("auto", "off");
    /** The GPIO pin keys with their default BCM pins; each pin may be used once. */
    private static final List<Map.Entry<String, Integer>> GPIO_PINS = List.of(
            Map.entry("gpio-light-green", GpioPins.DEFAULT_GREEN),
            Map.entry("gpio-light-amber", GpioPins.DEFAULT_AMBER),
            Map.entry("gpio-light-red", GpioPins.DEFAULT_RED),
            Map.entry("gpio-buzzer", GpioPins.DEFAULT_BUZZER),
            Map.entry("gpio-button", GpioPins.DEFAULT_BUTTON));
    private static final List<String> REQUIRED = List.of("device-id", "server", "data-dir");
    private static final Set<String> MODES = Set.of("kiosk", "field");

    private ClientConfigFile() {
    }

    /** The keys a file may hold, sorted: the shipped client.yml documents each one. */
    public static List<String> keys() {
        return KEYS.keys();
    }

    /** Loads {@code file} for starting the app: a configured reader or printer must exist now. */
    public static Map<String, Object> load(Path file) {
        return load(file, DevicePaths.MUST_EXIST);
    }

    /**
     * Loads {@code file} into Micronaut properties, or throws {@link ConfigException} naming the file, the line and
     * the problem. {@code devices} says whether a configured reader or printer path must exist now: the app refuses
     * to start without one (a typo'd path would otherwise wait forever for a device that never comes), while
     * {@code hardware-check} reports it as a failing device among the others.
     */
    public static Map<String, Object> load(Path file, DevicePaths devices) {
        Node root;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(in);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        } catch (YAMLException e) {
            throw new ConfigException("config file " + file + " is not valid YAML: " + e.getMessage().replace('\n', ' '));
        }
        if (root == null) {
            throw new ConfigException("config file " + file + " is empty; '" + String.join("', '", REQUIRED) + "' are required");
        }
        if (!(root instanceof MappingNode mapping)) {
            throw new ConfigException(where(file, root) + "the file must be a list of 'key: value' lines");
        }
        Map<String, Object> props = new LinkedHashMap<>();
        Map<String, Node> seen = new LinkedHashMap<>();
        for (NodeTuple t : mapping.getValue()) {
            Node keyNode = t.getKeyNode();
            String key = keyNode instanceof ScalarNode s ? s.getValue() : String.valueOf(keyNode);
            String target = KEYS.property(key).orElseThrow(() -> new ConfigException(where(file, keyNode)
                    + "unknown key '" + key + "'; known keys: " + String.join(", ", KEYS.keys())));
            if (seen.containsKey(key)) {
                throw new ConfigException(where(file, keyNode) + "'" + key + "' is set twice (first on line "
                        + line(seen.get(key)) + ")");
            }
            seen.put(key, keyNode);
            Node valueNode = t.getValueNode();
            if (!(valueNode instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
                throw new ConfigException(where(file, valueNode) + "'" + key + "' needs a single value");
            }
            String text = scalar.getValue().trim();
            props.put(target, check(file, valueNode, key, text));
            if (devices == DevicePaths.MUST_EXIST && DEVICES.containsKey(key) && !Files.exists(Path.of(text))) {
                throw new ConfigException(where(file, valueNode) + key + " " + text + " does not exist; plug "
                        + DEVICES.get(key) + " in or remove the line");
            }
        }
        for (String key : REQUIRED) {
            if (!seen.containsKey(key)) {
                throw new ConfigException("config file " + file + ": '" + key + "' is required");
            }
        }
        NEEDS.forEach((key, device) -> {
            if (seen.containsKey(key) && !seen.containsKey(device)) {
                throw new ConfigException(where(file, seen.get(key)) + "'" + key + "' is set but '" + device + "' is not");
            }
        });
        checkPinsDistinct(file, seen, props);
        props.putIfAbsent("micronaut.server.port", 8081);
        // The touchscreen UI is for the device's own display: never listen beyond localhost.
        props.put("micronaut.server.host", "127.0.0.1");
        return props;
    }

    private static Object check(Path file, Node node, String key, String text) {
        switch (key) {
            case "device-id" -> EventRules.checkDeviceId(text).ifPresent(p -> {
                throw new ConfigException(where(file, node) + p.replace("device_id", "device-id"));
            });
            case "server" -> {
                if (!text.matches("[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}")) {
                    throw new ConfigException(where(file, node) + "server must be host:port, was '" + text + "'");
                }
            }
            case "http-port" -> {
                int port = integer(file, node, key, text);
                if (port < 0 || port > 65535) {
                    throw new ConfigException(where(file, node) + "http-port must be 0–65535, was " + port);
                }
                return port;
            }
            case "mode" -> {
                if (!MODES.contains(text)) {
                    throw new ConfigException(where(file, node) + "mode must be kiosk or field, was '" + text + "'");
                }
            }
            case "journal-max-mb" -> {
                int mb = integer(file, node, key, text);
                if (mb < 1) {
                    throw new ConfigException(where(file, node) + "journal-max-mb must be ≥ 1, was " + mb);
                }
                return (long) mb << 20;
            }
            case "journal-min-free-mb" -> {
                int mb = integer(file, node, key, text);
                if (mb < 0) {
                    throw new ConfigException(where(file, node) + "journal-min-free-mb must be ≥ 0, was " + mb);
                }
                return (long) mb << 20;
            }
            case "qr-reader", "chip-reader", "printer", "citizen-key-secret-file" -> {
                if (text.isBlank() || !text.startsWith("/")) {
                    throw new ConfigException(where(file, node) + key + " must be an absolute path such as "
                            + "/dev/ttyACM0, was '" + text + "'");
                }
            }
            case "qr-reader-framing", "chip-reader-framing" -> {
                try {
                    Framing.parse(text);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(where(file, node) + key + " must be line or stx-etx, was '"
                            + text + "'");
                }
            }
            case "qr-reader-baud", "chip-reader-baud", "printer-baud" -> {
                int baud = integer(file, node, key, text);
                if (baud < 300 || baud > 4_000_000) {
                    throw new ConfigException(where(file, node) + key + " must be 300–4000000, was " + baud);
                }
                return baud;
            }
            case "facility-code" -> {
                if (!text.matches("[A-Za-z0-9]{1,12}")) {
                    throw new ConfigException(where(file, node) + "facility-code must be 1–12 letters or digits, was '"
                            + text + "'");
                }
            }
            case "fee-vnd" -> {
                long fee;
                try {
                    fee = Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw new ConfigException(where(file, node) + "fee-vnd must be a whole number of đồng, was '"
                            + text + "'");
                }
                if (fee < 0 || fee > 100_000_000) {
                    throw new ConfigException(where(file, node) + "fee-vnd must be 0–100000000, was " + fee);
                }
                return fee;
            }
            case "idle-timeout", "payment-timeout" -> {
                if (!text.matches("\\d{1,5}(s|m)")) {
                    throw new ConfigException(where(file, node) + key + " must be like 60s or 5m, was '" + text + "'");
                }
            }
            case "payment-webhook-secret" -> {
                if (text.length() < 16) {
                    throw new ConfigException(where(file, node) + "payment-webhook-secret must be at least 16 "
                            + "characters, was " + text.length());
                }
            }
            case "bank-bin" -> {
                if (!text.matches("\\d{6}")) {
                    throw new ConfigException(where(file, node) + "bank-bin must be 6 digits, was '" + text + "'");
                }
            }
            case "bank-account" -> {
                if (!text.matches("[0-9A-Za-z]{1,19}")) {
                    throw new ConfigException(where(file, node) + "bank-account must be 1–19 letters or digits, was '"
                            + text + "'");
                }
            }
            case "staff-confirm" -> {
                // Read as written: YAML 1.1 would turn on/yes/true into a boolean.
                String mode = Set.of("true", "yes").contains(text) ? "on" : Set.of("false", "no").contains(text) ? "off" : text;
                if (!mode.equals("on") && !mode.equals("off")) {
                    throw new ConfigException(where(file, node) + "staff-confirm must be on or off, was '" + text + "'");
                }
                return mode;
            }
            case "retention", "sync-interval" -> {
                if (!text.matches("[1-9]\\d{0,5}(ms|s|m|h|d)")) {
                    throw new ConfigException(where(file, node) + key + " must be a duration such as 60s, 5m, 48h or 7d, was '"
                            + text + "'");
                }
            }
            case "log-format" -> {
                if (!Set.of("plain", "logfmt", "json").contains(text)) {
                    throw new ConfigException(where(file, node) + "log-format must be plain, logfmt or json, was '" + text + "'");
                }
            }
            case "log-dir" -> {
                if (!text.startsWith("/") && !text.startsWith(".")) {
                    throw new ConfigException(where(file, node) + "log-dir must be a path (absolute, or starting with .), was '"
                            + text + "'");
                }
            }
            case "insurance-cards" -> {
                if (!text.equals("insured") && !text.equals("uninsured")) {
                    throw new ConfigException(where(file, node) + "insurance-cards must be insured or uninsured, was '"
                            + text + "'");
                }
            }
            case "teams", "areas" -> {
                // Each name goes into FieldAssist events as team / org_unit: the event rules' limits apply.
                for (String item : ClientConfig.commaList(text)) {
                    if (item.length() > 64 || item.matches(".*\\d{9,}.*")) {
                        throw new ConfigException(where(file, node) + "each of " + key
                                + " must be at most 64 characters and hold no run of 9+ digits, was '" + item + "'");
                    }
                }
            }
            case "insecure" -> {
                if (!Set.of("true", "false").contains(text)) {
                    throw new ConfigException(where(file, node) + "insecure must be true or false, was '" + text
                            + "' (true: plaintext sync without enrollment, for development only)");
                }
                return Boolean.parseBoolean(text);
            }
            case "gpio-light-green", "gpio-light-amber", "gpio-light-red", "gpio-buzzer", "gpio-button" -> {
                int pin = integer(file, node, key, text);
                if (pin < GpioPins.MIN_PIN || pin > GpioPins.MAX_PIN) {
                    throw new ConfigException(where(file, node) + key + " must be a BCM GPIO number " + GpioPins.MIN_PIN
                            + "–" + GpioPins.MAX_PIN + " (the GPIO number, not the header's physical pin number), was "
                            + pin);
                }
                return pin;
            }
            case "gpio" -> {
                String mode = Set.of("false", "no").contains(text) ? "off" : text;
                if (!GPIO.contains(mode)) {
                    throw new ConfigException(where(file, node) + "gpio must be auto or off, was '" + text
                            + "' (auto turns GPIO on when this is a Raspberry Pi)");
                }
                return mode;
            }
            default -> {
            }
        }
        return text;
    }

    /** Two roles on one pin would drive the buzzer with the light, or read an LED as the button. */
    private static void checkPinsDistinct(Path file, Map<String, Node> seen, Map<String, Object> props) {
        Map<Integer, String> used = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> pinKey : GPIO_PINS) {
            String key = pinKey.getKey();
            int pin = seen.containsKey(key) ? (Integer) props.get(KEYS.property(key).orElseThrow()) : pinKey.getValue();
            String other = used.putIfAbsent(pin, key);
            if (other != null) {
                Node set = seen.containsKey(key) ? seen.get(key) : seen.get(other);
                throw new ConfigException(where(file, set) + key + " is BCM " + pin + ", the same pin as " + other
                        + (seen.containsKey(other) ? "" : " (its default)") + "; give each of "
                        + String.join(", ", GPIO_PINS.stream().map(Map.Entry::getKey).toList()) + " its own pin");
            }
        }
    }

    private static int integer(Path file, Node node, String key, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ConfigException(where(file, node) + key + " must be a whole number, was '" + text + "'");
        }
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    private static String where(Path file, Node node) {
        return "config file " + file + " line " + line(node) + ": ";
    }

    /** Whether a configured reader or printer path must exist when the file is loaded. */
    public enum DevicePaths {
        /** Starting the app: a missing device is a configuration error. */
        MUST_EXIST,
        /** Checking the hardware: a missing device is reported with the others. */
        MAY_BE_ABSENT
    }
}
