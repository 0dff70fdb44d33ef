package vn.kiosk06.server.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VietnameseNumbersTest {

    @ParameterizedTest
    @CsvSource({"0, 0", "17, 17", "999, 999", "5454, 5.454", "117852, 117.852", "1820467, 1.820.467",
        "-1200, -1.200", "9223372036854775807, 9.223.372.036.854.775.807"})
    void count_groupsThousandsWithDots(long value, String expected) {
        assertThat(VietnameseNumbers.count(value)).isEqualTo(expected);
    }

    @Test
    void vnd_hasDongSignWithoutSpace() {
        assertThat(VietnameseNumbers.vnd(880_000)).isEqualTo("880.000đ");
        assertThat(VietnameseNumbers.vnd(2_583_500)).isEqualTo("2.583.500đ");
        assertThat(VietnameseNumbers.vnd(0)).isEqualTo("0đ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1446901 | 1820467 | 79,48%", "12142 | 12373 | 98,13%",
        "8190 | 9406 | 87,07%", "47330 | 47330 | 100%", "205 | 250 | 82%", "1 | 8 | 12,50%", "1 | 200 | 0,50%",
        "1584959 | 1026794 | 154,36%"})
    void ratePercent_matchesTheSeeds(long part, long whole, String expected) {
        assertThat(VietnameseNumbers.percent(VietnameseNumbers.ratePercent(part, whole).orElseThrow()))
                .isEqualTo(expected);
    }

    @Test
    void percent_roundsHalfUp() {
        assertThat(VietnameseNumbers.percent(new BigDecimal("79.485"))).isEqualTo("79,49%");
        assertThat(VietnameseNumbers.percent(new BigDecimal("79.4849"))).isEqualTo("79,48%");
        assertThat(VietnameseNumbers.percent(new BigDecimal("1234.5"))).isEqualTo("1.234,50%");
    }

    @Test
    void ratePercent_ofNothing_isEmpty() {
        assertThat(VietnameseNumbers.ratePercent(0, 0)).isEmpty();
    }
}
