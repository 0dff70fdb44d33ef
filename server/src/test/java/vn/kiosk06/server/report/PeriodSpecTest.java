package vn.kiosk06.server.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PeriodSpecTest {

    @ParameterizedTest
    @ValueSource(strings = {"month:11@2026-06", "month:16@2026-01", "month:1@2026-12", "week:WED@2026-06-24",
        "months:6@2025-12-11", "window:2026-06-23..2026-09-15", "cumulative:2025-02-06..2026-06-10"})
    void format_ofParsedCanonicalSpec_isTheSameSpec(String spec) {
        assertThat(PeriodSpec.parse(spec).format()).isEqualTo(spec);
    }

    @Test
    void format_weekGivenByAnyDay_namesTheWeeksFirstDay() {
        assertThat(PeriodSpec.parse(" WEEK:wed@2026-06-28 ").format()).isEqualTo("week:WED@2026-06-24");
    }

    @Test
    void next_ofMonthSpec_isTheFollowingNamedMonth() {
        assertThat(PeriodSpec.parse("month:11@2026-06").next().orElseThrow().format()).isEqualTo("month:11@2026-07");
        assertThat(PeriodSpec.parse("month:16@2026-01").previous().orElseThrow().format())
                .isEqualTo("month:16@2025-12");
        assertThat(PeriodSpec.parse("window:2026-06-23..2026-09-15").next()).isEmpty();
    }

    @Test
    void window_includesBothEnds_asCampaignsAreWritten() {
        // Seed 002's campaign "19/6–15/9/2026": the 15th of September counts, to its last millisecond.
        ReportingPeriod campaign = PeriodSpec.parse("window:2026-06-19..2026-09-15").period();

        assertThat(campaign.firstDay()).isEqualTo(java.time.LocalDate.of(2026, 6, 19));
        assertThat(campaign.lastDay()).isEqualTo(java.time.LocalDate.of(2026, 9, 15));
        assertThat(campaign.start()).isEqualTo(java.time.Instant.parse("2026-06-18T17:00:00Z"));
        assertThat(campaign.end()).as("exclusive end: the day after B at 00:00 Asia/Ho_Chi_Minh")
                .isEqualTo(java.time.Instant.parse("2026-09-15T17:00:00Z"));
        assertThat(PeriodSpec.parse("window:2026-09-15..2026-09-15").period().lastDay())
                .as("a one-day window is that day").isEqualTo(java.time.LocalDate.of(2026, 9, 15));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "quarter:1@2026           | unknown kind \"quarter\"        | month:<day 1–28>@<yyyy-MM>",
        "2026-06                  | no kind before ':'             | cumulative:",
        "month:31@2026-06         | start day \"31\" must be 1–28   | month:<day 1–28>@<yyyy-MM>",
        "month:x@2026-06          | start day \"x\" is not a number | month:11@2026-06",
        "month:11@2026-13         | month \"2026-13\"               | yyyy-MM",
        "month:11                 | needs exactly one '@'          | month:<day 1–28>@<yyyy-MM>",
        "week:WEN@2026-06-24      | weekday \"WEN\"                 | week:<MON…SUN>@<yyyy-MM-dd>",
        "week:WED@2026-02-30      | date \"2026-02-30\"             | week:WED@2026-06-24",
        "months:0@2026-01-01      | span length \"0\" must be 1–120 | months:<1–120>@<yyyy-MM-dd>",
        "window:2026-09-15..2026-06-23 | end 2026-06-23 is before start 2026-09-15 | window:<yyyy-MM-dd>..<yyyy-MM-dd>",
        "cumulative:2025-02-06    | needs exactly one '..'         | cumulative:<yyyy-MM-dd>..<yyyy-MM-dd>",
    })
    void parse_badSpec_namesTheBadPartAndTheExpectedForm(String spec, String badPart, String expected) {
        assertThatThrownBy(() -> PeriodSpec.parse(spec))
                .isInstanceOf(PeriodSpecException.class)
                .hasMessageContaining(spec)
                .hasMessageContaining(badPart)
                .hasMessageContaining("expected")
                .hasMessageContaining(expected);
    }
}
