package vn.kiosk06.configkeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.List;
import java.util.Map;
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

    @ConfigurationProperties("test.other")
    record Other(String name) {
    }

    @Test
    void uncovered_namesARecordWithoutASection_aComponentWithoutAKey_andANotInFileComponentWithOne() {
        FileKeys keys = new FileKeys(List.of(FileKeys.Section.of(Sample.class).notInFile("httpPort")),
                Map.of("journal-max-bytes-too", "test.log.dir"));
        FileKeys complete = new FileKeys(List.of(FileKeys.Section.of(Sample.class), FileKeys.Section.of(Other.class)),
                Map.of());

        assertThat(keys.uncovered(List.of(Sample.class, Other.class))).containsExactly(
                Other.class.getName() + " (the whole record: add a Section for it to the config file's keys)");
        assertThat(complete.uncovered(List.of(Sample.class, Other.class))).isEmpty();
        assertThat(ConfigRecords.besides(FileKeysTest.class)).contains(Sample.class, Other.class);
    }
}
