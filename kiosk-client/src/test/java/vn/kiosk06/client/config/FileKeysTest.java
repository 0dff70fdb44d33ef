package vn.kiosk06.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The file's keys come from the {@code @ConfigurationProperties} records, and only the declared exceptions differ. */
class FileKeysTest {

    @ConfigurationProperties("test.sample")
    record Sample(String deviceId, int httpPort, long journalMaxBytes) {
    }

    @Test
    void section_everyComponent_isAKeyByItsKebabCaseName_settingTheRecordsProperty() {
        FileKeys keys = new FileKeys(List.of(FileKeys.Section.of(Sample.class)), Map.of());

        assertThat(keys.propertyByKey()).containsExactly(
                Map.entry("device-id", "test.sample.device-id"),
                Map.entry("http-port", "test.sample.http-port"),
                Map.entry("journal-max-bytes", "test.sample.journal-max-bytes"));
    }

    @Test
    void section_renamedPrefixedAndLeftOut_componentsBendOnlyAsDeclared() {
        FileKeys keys = new FileKeys(List.of(FileKeys.Section.of(Sample.class).keyPrefix("x-")
                .renamed("journalMaxBytes", "journal-max-mb").notInFile("httpPort")), Map.of("log-dir", "test.log.dir"));

        assertThat(keys.propertyByKey()).containsExactly(
                Map.entry("journal-max-mb", "test.sample.journal-max-bytes"),
                Map.entry("log-dir", "test.log.dir"),
                Map.entry("x-device-id", "test.sample.device-id"));
    }

    @Test
    void exceptions_namingNoComponent_orAForeignKeyForAComponent_areRefusedAtOnce() {
        assertThatThrownBy(() -> FileKeys.Section.of(Sample.class).notInFile("httpPrt"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Sample has no component 'httpPrt'; its components are [deviceId, httpPort, journalMaxBytes]");
        assertThatThrownBy(() -> new FileKeys(List.of(FileKeys.Section.of(Sample.class)),
                Map.of("port", "test.sample.http-port")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("key 'port' is declared foreign but test.sample.http-port is Sample.httpPort");
        assertThatThrownBy(() -> new FileKeys(List.of(FileKeys.Section.of(Sample.class)),
                Map.of("device-id", "other.device-id")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("key 'device-id' would set both test.sample.device-id and other.device-id");
    }

    @Test
    void clientConfigFile_everyComponentOfEveryConfigRecord_isAKey_unlessDeclaredNotInTheFile() throws Exception {
        FileKeys keys = ClientConfigFile.KEYS;
        List<String> missing = new ArrayList<>();
        for (Class<? extends Record> type : configRecords()) {
            FileKeys.Section section = keys.sections().stream().filter(s -> s.type() == type).findFirst().orElse(null);
            if (section == null) {
                missing.add(type.getName() + " (the whole record: add a Section for it to ClientConfigFile)");
                continue;
            }
            for (RecordComponent c : type.getRecordComponents()) {
                boolean keyed = keys.propertyByKey().containsValue(FileKeys.property(type, c));
                if (keyed == section.notInFile().contains(c.getName())) {
                    missing.add(type.getSimpleName() + "." + c.getName());
                }
            }
        }
        assertThat(missing).as("record components without a config key").isEmpty();
        assertThat(ClientConfigFile.keys()).isEqualTo(keys.keys());
    }

    @Test
    void clientConfigFile_everyKey_setsAComponent_orAPropertyNoRecordHolds() {
        FileKeys keys = ClientConfigFile.KEYS;

        keys.propertyByKey().forEach((key, property) -> {
            if (!keys.recordProperties().containsKey(property)) {
                assertThat(property).as(key).isIn("micronaut.server.port", "kiosk06.log.format", "kiosk06.log.dir");
            }
        });
        assertThat(keys.propertyByKey()).containsEntry("journal-max-mb", "kiosk06.client.journal-max-bytes")
                .containsEntry("journal-min-free-mb", "kiosk06.client.journal-min-free-bytes")
                .containsEntry("insecure", "kiosk06.client.insecure")
                .containsEntry("device-id", "kiosk06.client.device-id");
    }

    /** The {@code @ConfigurationProperties} records compiled into this module. */
    @SuppressWarnings("unchecked")
    static List<Class<? extends Record>> configRecords() throws IOException, URISyntaxException {
        Path classes = Path.of(ClientConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<? extends Record>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                try {
                    Class<?> type = Class.forName(name, false, FileKeysTest.class.getClassLoader());
                    if (type.isRecord() && type.isAnnotationPresent(ConfigurationProperties.class)) {
                        found.add((Class<? extends Record>) type);
                    }
                } catch (ClassNotFoundException | LinkageError skipped) {
                    // a class whose optional dependency is absent cannot hold a configuration record of ours
                }
            }
        }
        assertThat(found).as("configuration records found in " + classes).contains(ClientConfig.class);
        return found;
    }
}
