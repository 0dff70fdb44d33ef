package vn.kiosk06.server.config;

import vn.kiosk06.configkeys.FileKeys;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import vn.kiosk06.server.ServerConfig;
import vn.kiosk06.server.auth.AuthConfig;
import vn.kiosk06.server.auth.ScrapeToken;
import vn.kiosk06.server.connection.ConnectionLimits;
import vn.kiosk06.server.limit.Limits;
import vn.kiosk06.server.metrics.MetricsConfig;
import vn.kiosk06.server.time.TimeCorrectionConfig;

/**
 * Reads the aggregator's configuration file ({@code kiosk06-server --config /etc/kiosk06/server.yml}) — flat YAML
 * an administrator writes by hand, documented key by key in the shipped file — and turns it into Micronaut
 * properties. Strict: an unknown key, a duplicate, a bad port or duration is refused with the file, the line and
 * what was expected, never silently ignored and never a stack trace. Stateless and thread-safe.
 */
public final class ServerConfigFile {

    /**
     * The keys: the components of the server's {@code @ConfigurationProperties} records, but for the tuning knobs
     * the file does not offer (left at their defaults, or set as properties), and what the file sets beyond them.
     */
    static final FileKeys KEYS = new FileKeys(List.of(
            FileKeys.Section.of(ServerConfig.class)
                    // org-units and targets: set by the server's options or as properties. silentAfterDays (reports and
                    // fleet, in days) is not the file's silent-after, which is MetricsConfig's
                    .notInFile("orgUnits", "targets", "silentAfterDays"),
            FileKeys.Section.of(TimeCorrectionConfig.class).keyPrefix("clock-"),
            FileKeys.Section.of(ConnectionLimits.class).keyPrefix("connection-")
                    .renamed("maxPerAddress", "max-connections-per-address")
                    .notInFile("keepAliveTime", "keepAliveTimeout", "permitKeepAliveTime", "maxAge", "maxAgeGrace"),
            FileKeys.Section.of(AuthConfig.class)
                    .notInFile("nameFailures", "ipFailures", "nameSlowdownAfter", "nameSlowdownStep", "maxNameSlowdown",
                            "lockout", "maxLockout", "failureMemory", "loginPerMinute", "loginBurst"),
            FileKeys.Section.of(MetricsConfig.class).notInFile("refresh"),
            FileKeys.Section.of(Limits.class)
                    .notInFile("deviceCallsPerSecond", "deviceBurst", "enrollPerMinute", "enrollBurst", "instances", "trustedProxies")),
            Map.of("grpc-port", "grpc.server.port",
                    "http-port", "micronaut.server.port",
                    "http-host", "micronaut.server.host",
                    // Logging starts before the application context: ServerMain hands these to logback itself.
                    "log-format", "kiosk06.log.format",
                    "log-dir", "kiosk06.log.dir",
                    // Read as properties where they are used (tls, metrics scraping): no record holds them yet.
                    "tls-cert", "kiosk06.server.tls.cert",
                    "tls-key", "kiosk06.server.tls.key",
                    "prometheus-token", ScrapeToken.PROPERTY));
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern DEPARTMENT = Pattern.compile("[A-Z0-9_]{1,16}:.+");

    private ServerConfigFile() {
    }

    /** Loads {@code file} into Micronaut properties, or throws {@link ConfigFileException} naming the problem. */
    public static Map<String, Object> load(Path file) {
        Node root;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(in);
        } catch (IOException e) {
            throw new ConfigFileException("cannot read config file " + file + ": " + e.getMessage());
        } catch (YAMLException e) {
            throw new ConfigFileException("config file " + file + " is not valid YAML: " + e.getMessage().replace('\n', ' '));
        }
        Map<String, Object> props = new LinkedHashMap<>();
        if (root == null) {
            return props; // an empty file: every default
        }
        if (!(root instanceof MappingNode mapping)) {
            throw new ConfigFileException(where(file, root) + "the file must be a list of 'key: value' lines");
        }
        Set<String> seen = new HashSet<>();
        for (NodeTuple t : mapping.getValue()) {
            Node keyNode = t.getKeyNode();
            String key = keyNode instanceof ScalarNode s ? s.getValue() : String.valueOf(keyNode);
            String target = KEYS.property(key).orElseThrow(() -> new ConfigFileException(where(file, keyNode)
                    + "unknown key '" + key + "'; known keys: " + String.join(", ", KEYS.keys())));
            if (!seen.add(key)) {
                throw new ConfigFileException(where(file, keyNode) + "'" + key + "' is set twice");
            }
            props.put(target, value(file, key, t.getValueNode()));
        }
        return props;
    }

    private static Object value(Path file, String key, Node node) {
        if ("departments".equals(key)) {
            if (!(node instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
                throw new ConfigFileException(where(file, node) + "departments must be a list of \"CODE: Name\" lines");
            }
            List<String> out = seq.getValue().stream().map(n -> {
                String d = n instanceof ScalarNode s ? s.getValue() : "";
                if (!DEPARTMENT.matcher(d).matches()) {
                    throw new ConfigFileException(where(file, n) + "a department must be CODE:Name (CODE in A-Z, 0-9, _), was '"
                            + d + "'");
                }
                return d;
            }).toList();
            return out;
        }
        if (!(node instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
            throw new ConfigFileException(where(file, node) + "'" + key + "' needs a single value");
        }
        String text = scalar.getValue().trim();
        return switch (key) {
            case "grpc-port", "http-port" -> {
                int port = number(file, node, key, text);
                if (port < 1 || port > 65535) {
                    throw new ConfigFileException(where(file, node) + key + " must be 1–65535, was " + text);
                }
                yield port;
            }
            case "fee-vnd" -> {
                int fee = number(file, node, key, text);
                if (fee < 0) {
                    throw new ConfigFileException(where(file, node) + "fee-vnd must be ≥ 0, was " + text);
                }
                yield (long) fee;
            }
            case "silent-after", "session-idle-timeout", "session-max-age", "connection-handshake-timeout",
                 "connection-idle-timeout" -> {
                Matcher m = DURATION.matcher(text);
                if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
                    throw new ConfigFileException(where(file, node) + key + " must be a duration such as 30m, 6h or 2d, was '"
                            + text + "'");
                }
                yield text;
            }
            case "clock-offset-floor", "clock-step-tolerance", "clock-future-tolerance" -> {
                if (!DURATION.matcher(text).matches()) {
                    throw new ConfigFileException(where(file, node) + key + " must be a duration such as 0ms, 2ms or 2s, was '"
                            + text + "'");
                }
                yield text;
            }
            case "clock-max-round-trip" -> {
                Matcher m = DURATION.matcher(text);
                if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
                    throw new ConfigFileException(where(file, node) + key + " must be a duration > 0 such as 30s, was '"
                            + text + "'");
                }
                yield text;
            }
            case "max-connections-per-address" -> {
                int max = number(file, node, key, text);
                if (max < 1) {
                    throw new ConfigFileException(where(file, node) + "max-connections-per-address must be ≥ 1, was " + text);
                }
                yield max;
            }
            case "prometheus-token" -> {
                try {
                    yield new ScrapeToken(text).value();
                } catch (IllegalArgumentException e) {
                    throw new ConfigFileException(where(file, node) + e.getMessage());
                }
            }
            case "clock-drift-ppm" -> {
                int ppm = number(file, node, key, text);
                if (ppm < 0 || ppm > 10_000) {
                    throw new ConfigFileException(where(file, node) + "clock-drift-ppm must be 0–10000, was " + text);
                }
                yield ppm;
            }
            case "log-format" -> {
                if (!Set.of("plain", "logfmt", "json").contains(text)) {
                    throw new ConfigFileException(where(file, node) + "log-format must be plain, logfmt or json, was '" + text + "'");
                }
                yield text;
            }
            case "db" -> {
                try {
                    vn.kiosk06.server.db.PostgresUrl.parse(text);
                } catch (IllegalArgumentException e) {
                    throw new ConfigFileException(where(file, node) + "db: " + e.getMessage());
                }
                yield text;
            }
            case "insecure" -> {
                if (!Set.of("true", "false").contains(text)) {
                    throw new ConfigFileException(where(file, node) + "insecure must be true or false, was '" + text + "'");
                }
                yield Boolean.parseBoolean(text);
            }
            case "data-dir", "log-dir", "tls-cert", "tls-key", "citizen-key-file", "sealing-keys-file" -> {
                if (!text.startsWith("/") && !text.startsWith(".")) {
                    throw new ConfigFileException(where(file, node) + key + " must be a path (absolute, or starting with .), was '"
                            + text + "'");
                }
                yield text;
            }
            default -> text;
        };
    }

    private static int number(Path file, Node node, String key, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ConfigFileException(where(file, node) + key + " must be a whole number, was '" + text + "'");
        }
    }

    private static String where(Path file, Node node) {
        return "config file " + file + " line " + (node.getStartMark().getLine() + 1) + ": ";
    }
}
