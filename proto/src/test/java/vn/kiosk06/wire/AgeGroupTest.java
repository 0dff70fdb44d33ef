package vn.kiosk06.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AgeGroupTest {
    @ParameterizedTest(name = "born {0}, event {1} -> {2}")
    @CsvSource({
        "2020-06-20, 2026-06-19, AGE_UNDER_6",
        "2020-06-19, 2026-06-19, AGE_6_TO_13",
        "2012-06-20, 2026-06-19, AGE_6_TO_13",
        "2012-06-19, 2026-06-19, AGE_14_PLUS",
        "1950-01-01, 2026-06-19, AGE_14_PLUS",
        "2026-06-19, 2026-06-19, AGE_UNDER_6",
        "2012-02-29, 2026-02-28, AGE_6_TO_13",
        "2012-02-29, 2026-03-01, AGE_14_PLUS",
    })
    void of_boundaries(LocalDate birth, LocalDate event, AgeGroup expected) {
        assertThat(AgeGroup.of(birth, event)).isEqualTo(expected);
    }

    @Test
    void label_matchesReportVocabulary() {
        assertThat(AgeGroup.AGE_6_TO_13.label()).isEqualTo("6_TO_13");
        assertThat(AgeGroup.AGE_14_PLUS.label()).isEqualTo("14_PLUS");
    }

    @Test
    void of_birthAfterEvent_isRejected() {
        assertThatThrownBy(() -> AgeGroup.of(LocalDate.of(2027, 1, 1), LocalDate.of(2026, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
