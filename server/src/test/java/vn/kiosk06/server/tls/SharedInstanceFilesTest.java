package vn.kiosk06.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.server.RunningServer;
import vn.kiosk06.server.db.EmbeddedPg;

/**
 * A secure server on PostgreSQL refuses to start with a certificate or citizen key of its own: instances behind one
 * address must share them (a real PostgreSQL 16, a real application context).
 */
class SharedInstanceFilesTest {

    private static EmbeddedPg pg;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void startPostgres() {
        pg = EmbeddedPg.start();
    }

    @AfterAll
    static void stopPostgres() {
        pg.close();
    }

    private Map<String, Object> securePostgresServer() {
        Map<String, Object> props = new HashMap<>();
        props.put("kiosk06.server.data-dir", dataDir.toString());
        props.put("kiosk06.server.db", pg.newDatabase());
        props.put("kiosk06.server.insecure", false);
        props.put("grpc.server.port", RunningServer.freePort());
        props.put("micronaut.server.port", RunningServer.freePort());
        return props;
    }

    @Test
    void aSecureServerOnPostgresWithoutSharedCertificateAndCitizenKey_refusesToStart_sayingWhy() {
        Map<String, Object> props = securePostgresServer();

        assertThatThrownBy(() -> {
            try (ApplicationContext ignored = ApplicationContext.run(props)) {
                ignored.getBean(ServerTransport.class);
            }
        }).rootCause()
                .hasMessageContaining("on PostgreSQL every instance must use the same TLS certificate")
                .hasMessageContaining("tls-cert (kiosk06.server.tls.cert)")
                .hasMessageContaining("tls-key (kiosk06.server.tls.key)")
                .hasMessageContaining("citizen-key-file (kiosk06.server.citizen-key-file)");
        assertThat(dataDir.resolve("tls").resolve("server.crt")).doesNotExist();
        assertThat(dataDir.resolve("citizen-key.secret")).doesNotExist();
    }

    @Test
    void theLauncherRefusesBeforeGeneratingACertificate_andAcceptsSharedFiles() throws Exception {
        Map<String, Object> props = securePostgresServer();
        assertThatThrownBy(() -> HttpsProperties.forServer(props))
                .hasMessageContaining("citizen-key-file (kiosk06.server.citizen-key-file)");
        assertThat(dataDir.resolve("tls")).doesNotExist();

        // Shared files, e.g. on a mount every instance reads: accepted.
        Path shared = Files.createDirectories(dataDir.resolve("shared"));
        ServerIdentity.load(shared, null, null); // a certificate in shared/tls, standing in for the province's
        props.put("kiosk06.server.tls.cert", shared.resolve("tls/server.crt").toString());
        props.put("kiosk06.server.tls.key", shared.resolve("tls/server.key").toString());
        props.put("kiosk06.server.citizen-key-file", shared.resolve("citizen-key.secret").toString());
        assertThat(HttpsProperties.forServer(props)).containsEntry("micronaut.server.ssl.enabled", true);
    }
}
