package vn.kiosk06.server.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.server.RunningServer;
import vn.kiosk06.server.db.EmbeddedPg;

/**
 * A secure server on PostgreSQL (real embedded PostgreSQL 16) does not generate its own sealing keys: instances share
 * the database, so one that sealed to keys only it holds would leave the others unable to open its devices' seals. It
 * refuses to start, naming the file and what to do; with the file there, it starts.
 */
class SealingKeysOnPostgresTest {

    private static EmbeddedPg pg;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() {
        pg = EmbeddedPg.start();
    }

    @AfterAll
    static void stopPostgres() {
        pg.close();
    }

    /** What every instance shares on PostgreSQL: the TLS pair and the citizen key, made by a throwaway SQLite run. */
    Map<String, Object> sharedFiles() throws Exception {
        Path seed = dir.resolve("seed");
        RunningServer.secure(seed, Map.of()).close();
        return Map.of("kiosk06.server.tls.cert", seed.resolve("tls/server.crt").toString(),
                "kiosk06.server.tls.key", seed.resolve("tls/server.key").toString(),
                "kiosk06.server.citizen-key-file", seed.resolve("citizen-key.secret").toString());
    }

    static Map<String, Object> with(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> out = new java.util.HashMap<>(a);
        out.putAll(b);
        return out;
    }

    @Test
    void secureServerOnPostgres_withoutItsSealingKeysFile_refusesToStart_namingTheFileAndTheFix() throws Exception {
        Path data = dir.resolve("data");
        Map<String, Object> shared = sharedFiles();
        Path expected = dir.resolve("seed").resolve("citizen-sealing-keys.properties"); // beside the citizen key
        Files.deleteIfExists(expected);
        assertThatThrownBy(() -> RunningServer.secure(data, with(shared, Map.of("kiosk06.server.db", pg.newDatabase()))).close())
                .hasStackTraceContaining("sealing keys " + expected + " do not exist")
                .hasStackTraceContaining("on PostgreSQL every instance must share one file");
        assertThat(expected).doesNotExist();
    }

    @Test
    void secureServerOnPostgres_withTheSharedFile_startsAndUsesIt() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path shared = dir.resolve("citizen-sealing-keys.properties");
        SealingKeyRing created = SealingKeyRing.loadOrCreate(shared);

        try (RunningServer server = RunningServer.secure(data, with(sharedFiles(), Map.of("kiosk06.server.db",
                pg.newDatabase(), "kiosk06.server.sealing-keys-file", shared.toString())))) {
            assertThat(server.bean(SealingKeyRing.class).current().getKeyId()).isEqualTo(created.current().getKeyId());
        }
    }
}
