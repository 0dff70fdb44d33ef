package vn.kiosk06.server.tls;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import vn.kiosk06.server.config.SharedInstanceFiles;

/**
 * The Micronaut properties that put the dashboard and REST API on HTTPS with the server's {@link ServerIdentity}.
 * Computed before the application context starts, because Micronaut reads its SSL settings when it builds the HTTP
 * server: the same certificate as gRPC, so one fingerprint covers both.
 */
public final class HttpsProperties {

    private HttpsProperties() {
    }

    /**
     * For the given startup properties: none when {@code kiosk06.server.insecure} is true, else HTTPS on the HTTP
     * port ({@code micronaut.server.port}, default 8080) with the identity's keystore.
     */
    public static Map<String, Object> forServer(Map<String, Object> props) {
        if (Boolean.parseBoolean(String.valueOf(props.getOrDefault("kiosk06.server.insecure",
                System.getenv().getOrDefault("KIOSK06_SERVER_INSECURE", "false"))))) {
            return Map.of();
        }
        Path dataDir = Path.of(String.valueOf(props.getOrDefault("kiosk06.server.data-dir", "data")));
        Object cert = props.get("kiosk06.server.tls.cert");
        Object key = props.get("kiosk06.server.tls.key");
        // Before a certificate is generated into this instance's data directory.
        Object db = props.getOrDefault("kiosk06.server.db", System.getenv("KIOSK06_SERVER_DB"));
        SharedInstanceFiles.require(db == null ? null : db.toString(), false, cert, key,
                props.getOrDefault("kiosk06.server.citizen-key-file", System.getenv("KIOSK06_SERVER_CITIZEN_KEY_FILE")));
        ServerIdentity identity = ServerIdentity.load(dataDir, cert == null ? null : Path.of(cert.toString()),
                key == null ? null : Path.of(key.toString()));
        Object port = props.getOrDefault("micronaut.server.port", 8080);
        return of(identity, Integer.parseInt(port.toString()));
    }

    /** HTTPS only (no plaintext port) on {@code port}, with the identity's keystore. */
    public static Map<String, Object> of(ServerIdentity identity, int port) {
        Map<String, Object> p = new HashMap<>();
        p.put("micronaut.server.ssl.enabled", true);
        p.put("micronaut.server.ssl.build-self-signed", false);
        p.put("micronaut.server.ssl.port", port);
        p.put("micronaut.server.dual-protocol", false);
        p.put("micronaut.server.ssl.key-store.path", "file:" + identity.keystore().toAbsolutePath());
        p.put("micronaut.server.ssl.key-store.password", identity.keystorePassword());
        p.put("micronaut.server.ssl.key-store.type", "PKCS12");
        p.put("micronaut.server.ssl.key.alias", "server");
        p.put("micronaut.server.ssl.key.password", identity.keystorePassword());
        return p;
    }
}
