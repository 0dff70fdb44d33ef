package vn.kiosk06.client.config;

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
import vn.kiosk06.wire.EventRules;

/**
 * Reads the device's configuration file — flat YAML a technician can write by hand:
 * <pre>
 * device-id: kiosk-pq-01
 * server: aggregator.example.vn:7443
 * data-dir: /var/lib/kiosk06
 * http-port: 8081
 * mode: kiosk            # or field
 * </pre>
 * and turns it into Micronaut properties. A typo is refused with the key's name and the keys that exist,
 * rather than silently ignored.
 */
public final class ClientConfigFile {

    private static final Map<String, String> KEYS = Map.of(
            "device-id", "kiosk06.client.device-id",
            "server", "kiosk06.client.server",
            "data-dir", "kiosk06.client.data-dir",
            "http-port", "micronaut.server.port",
            "mode", "kiosk06.client.mode",
            "journal-max-mb", "kiosk06.client.journal-max-bytes",
            "retention", "kiosk06.client.retention",
            "sync-interval", "kiosk06.client.sync-interval");
    private static final List<String> REQUIRED = List.of("device-id", "server", "data-dir");
    private static final Set<String> MODES = Set.of("kiosk", "field");

    private ClientConfigFile() {
    }

    /** Loads {@code file} into Micronaut properties, or throws {@link ConfigException} naming the problem. */
    public static Map<String, Object> load(Path file) {
        Object parsed;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        } catch (YAMLException e) {
            throw new ConfigException("config file " + file + " is not valid YAML: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> raw)) {
            throw new ConfigException("config file " + file + " must be a list of 'key: value' lines");
        }
        Map<String, Object> props = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : raw.entrySet()) {
            String key = String.valueOf(e.getKey());
            String target = KEYS.get(key);
            if (target == null) {
                throw new ConfigException("config file " + file + ": unknown key '" + key + "'; known keys: "
                        + String.join(", ", KEYS.keySet().stream().sorted().toList()));
            }
            Object value = e.getValue();
            if (value == null || value instanceof Map || value instanceof List) {
                throw new ConfigException("config file " + file + ": '" + key + "' needs a single value");
            }
            props.put(target, check(file, key, value));
        }
        for (String key : REQUIRED) {
            if (!raw.containsKey(key)) {
                throw new ConfigException("config file " + file + ": '" + key + "' is required");
            }
        }
        props.putIfAbsent("micronaut.server.port", 8081);
        // The touchscreen UI is for the device's own display: never listen beyond localhost.
        props.put("micronaut.server.host", "127.0.0.1");
        return props;
    }

    private static Object check(Path file, String key, Object value) {
        String text = String.valueOf(value);
        switch (key) {
            case "device-id" -> EventRules.checkDeviceId(text).ifPresent(p -> {
                throw new ConfigException("config file " + file + ": " + p.replace("device_id", "device-id"));
            });
            case "server" -> {
                if (!text.matches("[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}")) {
                    throw new ConfigException("config file " + file + ": server must be host:port, was '" + text + "'");
                }
            }
            case "http-port" -> {
                int port = integer(file, key, text);
                if (port < 0 || port > 65535) {
                    throw new ConfigException("config file " + file + ": http-port must be 0–65535, was " + port);
                }
                return port;
            }
            case "mode" -> {
                if (!MODES.contains(text)) {
                    throw new ConfigException("config file " + file + ": mode must be kiosk or field, was '" + text + "'");
                }
            }
            case "journal-max-mb" -> {
                int mb = integer(file, key, text);
                if (mb < 1) {
                    throw new ConfigException("config file " + file + ": journal-max-mb must be ≥ 1, was " + mb);
                }
                return (long) mb << 20;
            }
            default -> {
            }
        }
        return text;
    }

    private static int integer(Path file, String key, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ConfigException("config file " + file + ": " + key + " must be a whole number, was '" + text + "'");
        }
    }
}
