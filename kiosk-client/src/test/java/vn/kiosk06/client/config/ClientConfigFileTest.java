package vn.kiosk06.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientConfigFileTest {

    @TempDir
    Path dir;

    Path write(String yaml) throws IOException {
        Path f = dir.resolve("client.yml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void load_validFile_becomesMicronautPropertiesAndListensOnLocalhostOnly() throws IOException {
        Map<String, Object> props = ClientConfigFile.load(write("""
                device-id: kiosk-pq-01
                server: 10.0.0.5:7443
                data-dir: /var/lib/kiosk06
                http-port: 8081
                mode: field
                journal-max-mb: 64
                """));

        assertThat(props).containsEntry("kiosk06.client.device-id", "kiosk-pq-01")
                .containsEntry("kiosk06.client.server", "10.0.0.5:7443")
                .containsEntry("micronaut.server.port", 8081)
                .containsEntry("micronaut.server.host", "127.0.0.1")
                .containsEntry("kiosk06.client.mode", "field")
                .containsEntry("kiosk06.client.journal-max-bytes", 64L << 20);
    }

    @Test
    void load_typoInKey_namesTheKeyAndTheKnownOnes() throws IOException {
        Path f = write("device-id: k1\nsever: h:1\ndata-dir: /d\n");

        assertThatThrownBy(() -> ClientConfigFile.load(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'sever'").hasMessageContaining("known keys: areas, bank-account, bank-bin, chip-reader")
                .hasMessageContaining("data-dir, device-id");
    }

    @Test
    void load_missingRequiredKey_saysWhich() throws IOException {
        Path f = write("device-id: k1\ndata-dir: /d\n");

        assertThatThrownBy(() -> ClientConfigFile.load(f)).hasMessageEndingWith("'server' is required");
    }

    @Test
    void load_badValues_areRefusedWithTheValue() throws IOException {
        assertThatThrownBy(() -> ClientConfigFile.load(write("device-id: k1\nserver: nohost\ndata-dir: /d\n")))
                .hasMessageContaining("server must be host:port, was 'nohost'");
        assertThatThrownBy(() -> ClientConfigFile.load(write("device-id: k 1\nserver: h:1\ndata-dir: /d\n")))
                .hasMessageContaining("device-id must be 1–64 characters");
        assertThatThrownBy(() -> ClientConfigFile.load(write("device-id: k1\nserver: h:1\ndata-dir: /d\nhttp-port: eighty\n")))
                .hasMessageContaining("http-port must be a whole number, was 'eighty'");
        assertThatThrownBy(() -> ClientConfigFile.load(write("device-id: k1\nserver: h:1\ndata-dir: /d\nmode: kiosque\n")))
                .hasMessageContaining("mode must be kiosk or field, was 'kiosque'");
    }

    @Test
    void load_notYaml_saysSo() throws IOException {
        assertThatThrownBy(() -> ClientConfigFile.load(write("device-id: [unclosed\n")))
                .hasMessageContaining("is not valid YAML");
    }

    @Test
    void load_devices_becomeProperties_gpioOffIsReadAsOff() throws IOException {
        Map<String, Object> props = ClientConfigFile.load(write("""
                device-id: k1
                server: h:1
                data-dir: /d
                qr-reader: /dev/ttyACM0
                qr-reader-framing: stx-etx
                qr-reader-baud: 115200
                printer: /dev/ttyUSB1
                gpio: off
                citizen-key-secret-file: /etc/kiosk06/citizen-key.secret
                """));

        assertThat(props).containsEntry("kiosk06.client.qr-reader", "/dev/ttyACM0")
                .containsEntry("kiosk06.client.qr-reader-framing", "stx-etx")
                .containsEntry("kiosk06.client.qr-reader-baud", 115200)
                .containsEntry("kiosk06.client.printer", "/dev/ttyUSB1")
                .containsEntry("kiosk06.client.gpio", "off")
                .containsEntry("kiosk06.client.citizen-key-secret-file", "/etc/kiosk06/citizen-key.secret");
    }

    @Test
    void load_badDeviceSettings_areRefusedWithTheValue() {
        String base = "device-id: k1\nserver: h:1\ndata-dir: /d\n";
        assertThatThrownBy(() -> ClientConfigFile.load(write(base + "qr-reader: /dev/ttyACM0\nqr-reader-framing: crlf\n")))
                .hasMessageContaining("qr-reader-framing must be line or stx-etx, was 'crlf'");
        assertThatThrownBy(() -> ClientConfigFile.load(write(base + "printer-baud: 9600\n")))
                .hasMessageContaining("'printer-baud' is set but 'printer' is not");
        assertThatThrownBy(() -> ClientConfigFile.load(write(base + "chip-reader: ttyUSB0\n")))
                .hasMessageContaining("chip-reader must be an absolute path");
        assertThatThrownBy(() -> ClientConfigFile.load(write(base + "gpio: on\n")))
                .hasMessageContaining("gpio must be auto or off");
        assertThatThrownBy(() -> ClientConfigFile.load(write(base + "qr-scanner: /dev/ttyACM0\n")))
                .hasMessageContaining("unknown key 'qr-scanner'").hasMessageContaining("qr-reader");
    }
}
