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
                .hasMessageContaining("unknown key 'sever'").hasMessageContaining("known keys: areas, bank-account, bank-account-name, bank-bin, bank-name, chip-reader")
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
        Path qr = Files.createFile(dir.resolve("ttyACM0"));
        Path printer = Files.createFile(dir.resolve("ttyUSB1"));
        Map<String, Object> props = ClientConfigFile.load(write("""
                device-id: k1
                server: h:1
                data-dir: /d
                qr-reader: %s
                qr-reader-framing: stx-etx
                qr-reader-baud: 115200
                printer: %s
                gpio: off
                citizen-key-secret-file: /etc/kiosk06/citizen-key.secret
                """.formatted(qr, printer)));

        assertThat(props).containsEntry("kiosk06.client.qr-reader", qr.toString())
                .containsEntry("kiosk06.client.qr-reader-framing", "stx-etx")
                .containsEntry("kiosk06.client.qr-reader-baud", 115200)
                .containsEntry("kiosk06.client.printer", printer.toString())
                .containsEntry("kiosk06.client.gpio", "off")
                .containsEntry("kiosk06.client.citizen-key-secret-file", "/etc/kiosk06/citizen-key.secret");
    }

    @Test
    void load_badDeviceSettings_areRefusedWithTheValue() {
        String base = "device-id: k1\nserver: h:1\ndata-dir: /d\n";
        assertThatThrownBy(() -> ClientConfigFile.load(write(base + "qr-reader: /dev/ttyACM0\nqr-reader-framing: crlf\n"),
                ClientConfigFile.DevicePaths.MAY_BE_ABSENT))
                .hasMessageContaining("line 5: qr-reader-framing must be line or stx-etx, was 'crlf'");
        assertThatThrownBy(() -> ClientConfigFile.load(write(base + "printer-baud: 9600\n")))
                .hasMessageContaining("line 4: 'printer-baud' is set but 'printer' is not");
        assertThatThrownBy(() -> ClientConfigFile.load(write(base + "chip-reader: ttyUSB0\n")))
                .hasMessageContaining("chip-reader must be an absolute path");
        assertThatThrownBy(() -> ClientConfigFile.load(write(base + "gpio: on\n")))
                .hasMessageContaining("gpio must be auto or off");
        assertThatThrownBy(() -> ClientConfigFile.load(write(base + "qr-scanner: /dev/ttyACM0\n")))
                .hasMessageContaining("unknown key 'qr-scanner'").hasMessageContaining("qr-reader");
    }

    @Test
    void load_gpioPins_becomeNumbers() throws IOException {
        Map<String, Object> props = ClientConfigFile.load(write("""
                device-id: k1
                server: h:1
                data-dir: /d
                gpio-light-green: 5
                gpio-light-amber: 6
                gpio-light-red: 13
                gpio-buzzer: 19
                gpio-button: 26
                """));

        assertThat(props).containsEntry("kiosk06.client.gpio-light-green", 5)
                .containsEntry("kiosk06.client.gpio-light-amber", 6)
                .containsEntry("kiosk06.client.gpio-light-red", 13)
                .containsEntry("kiosk06.client.gpio-buzzer", 19)
                .containsEntry("kiosk06.client.gpio-button", 26);
    }

    @Test
    void load_gpioPinOutOfRange_namesTheKeyTheValueAndTheRange() throws IOException {
        String base = "device-id: k1\nserver: h:1\ndata-dir: /d\n";
        Path file = write(base + "gpio-buzzer: 40\n");
        assertThatThrownBy(() -> ClientConfigFile.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config file " + file + " line 4: gpio-buzzer must be a BCM GPIO number 0–27 (the GPIO "
                        + "number, not the header's physical pin number), was 40");
        assertThatThrownBy(() -> ClientConfigFile.load(write(base + "gpio-button: -1\n")))
                .hasMessageContaining("line 4: gpio-button must be a BCM GPIO number 0–27").hasMessageEndingWith("was -1");
        assertThatThrownBy(() -> ClientConfigFile.load(write(base + "gpio-light-red: GPIO22\n")))
                .hasMessageContaining("line 4: gpio-light-red must be a whole number, was 'GPIO22'");
    }

    @Test
    void load_twoRolesOnOnePin_isRefusedNamingBothKeys() throws IOException {
        String base = "device-id: k1\nserver: h:1\ndata-dir: /d\n";
        assertThatThrownBy(() -> ClientConfigFile.load(write(base + "gpio-buzzer: 5\ngpio-button: 5\n")))
                .hasMessageContaining("line 5: gpio-button is BCM 5, the same pin as gpio-buzzer; give each of");
        // The default green pin (17) taken by the buzzer: the buzzer's line is named.
        assertThatThrownBy(() -> ClientConfigFile.load(write(base + "gpio-buzzer: 17\n")))
                .hasMessageContaining("line 4: gpio-buzzer is BCM 17, the same pin as gpio-light-green (its default)");
    }

    @Test
    void load_everyRefusal_namesTheFileAndTheLine() throws IOException {
        String base = "# a kiosk\ndevice-id: k1\nserver: h:1\ndata-dir: /d\n\n";
        Path typo = write(base + "sever: h:1\n");
        assertThatThrownBy(() -> ClientConfigFile.load(typo))
                .hasMessageStartingWith("config file " + typo + " line 6: unknown key 'sever'");
        assertThatThrownBy(() -> ClientConfigFile.load(write(base + "http-port: 70000\n")))
                .hasMessageContaining("line 6: http-port must be 0–65535, was 70000");
        assertThatThrownBy(() -> ClientConfigFile.load(write(base + "gpio: auto\nretention: forever\n")))
                .hasMessageContaining("line 7: retention must be a duration such as 60s, 5m, 48h or 7d, was 'forever'");
        assertThatThrownBy(() -> ClientConfigFile.load(write(base + "mode:\n")))
                .hasMessageContaining("'mode' needs a single value");
        assertThatThrownBy(() -> ClientConfigFile.load(write("device-id: [k1, k2]\nserver: h:1\ndata-dir: /d\n")))
                .hasMessageContaining("line 1: 'device-id' needs a single value");
    }

    @Test
    void load_keySetTwice_isRefusedNamingBothLines() throws IOException {
        assertThatThrownBy(() -> ClientConfigFile.load(write("device-id: k1\nserver: h:1\ndata-dir: /d\nserver: h:2\n")))
                .hasMessageContaining("line 4: 'server' is set twice (first on line 2)");
    }

    @Test
    void load_readerThatDoesNotExistAtStart_isRefusedNamingTheLineAndWhatToDo() throws IOException {
        Path missing = dir.resolve("ttyACM0");
        Path f = write("device-id: k1\nserver: h:1\ndata-dir: /d\ngpio: off\n\nqr-reader: " + missing + "\n");

        assertThatThrownBy(() -> ClientConfigFile.load(f)).isInstanceOf(ConfigException.class)
                .hasMessage("config file " + f + " line 6: qr-reader " + missing
                        + " does not exist; plug the QR reader in or remove the line");
        assertThatThrownBy(() -> ClientConfigFile.load(write("device-id: k1\nserver: h:1\ndata-dir: /d\nprinter: " + missing + "\n")))
                .hasMessageContaining("line 4: printer " + missing + " does not exist; plug the printer in");
    }

    @Test
    void load_forHardwareCheck_acceptsAReaderThatIsNotPluggedIn() throws IOException {
        Map<String, Object> props = ClientConfigFile.load(write("device-id: k1\nserver: h:1\ndata-dir: /d\n"
                + "chip-reader: /dev/does-not-exist-0\n"), ClientConfigFile.DevicePaths.MAY_BE_ABSENT);

        assertThat(props).containsEntry("kiosk06.client.chip-reader", "/dev/does-not-exist-0");
    }

    @Test
    void load_logFormatAndDirectory_becomeLogProperties_andABadFormatIsRefused() throws IOException {
        Map<String, Object> props = ClientConfigFile.load(write("device-id: k1\nserver: h:1\ndata-dir: /d\n"
                + "log-format: json\nlog-dir: /var/log/kiosk06\n"));

        assertThat(props).containsEntry("kiosk06.log.format", "json").containsEntry("kiosk06.log.dir", "/var/log/kiosk06");
        assertThatThrownBy(() -> ClientConfigFile.load(write("device-id: k1\nserver: h:1\ndata-dir: /d\nlog-format: xml\n")))
                .hasMessageContaining("line 4: log-format must be plain, logfmt or json, was 'xml'");
    }

    @Test
    void load_yamlBooleanWords_areReadAsWritten() throws IOException {
        Map<String, Object> props = ClientConfigFile.load(write("device-id: k1\nserver: h:1\ndata-dir: /d\n"
                + "staff-confirm: yes\ngpio: no\nbank-bin: 970436\nbank-account: 0011001234\n"));

        assertThat(props).containsEntry("kiosk06.client.staff-confirm", "on").containsEntry("kiosk06.client.gpio", "off")
                .containsEntry("kiosk06.client.bank-account", "0011001234");
    }
}
