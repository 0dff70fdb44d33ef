package vn.kiosk06.hardware.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.kiosk06.wire.AgeGroup;

class PseudonymizerTest {
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    // 2026-06-18T17:30Z is already 19 June in Vietnam: the age group must use the local date.
    private final Clock clock = Clock.fixed(Instant.parse("2026-06-18T17:30:00Z"), VIETNAM);
    private final CitizenKeyer keyer = new CitizenKeyer(new byte[32]);
    private final Pseudonymizer pseudonymizer = new Pseudonymizer(keyer, clock);

    private static CitizenCard card(LocalDate birth) {
        return new CitizenCard("001312001234", Optional.empty(), "Phạm Thị Thảo", birth, Sex.FEMALE, "Hà Nội",
                Optional.empty());
    }

    @Test
    void toReading_citizenCard_isKeyedAgeGroupedAndClean() {
        CardReading reading = pseudonymizer.toReading(card(LocalDate.of(2012, 6, 19)), ReaderKind.QR);
        assertThat(reading.outcome()).isEqualTo(Outcome.OK);
        assertThat(reading.citizenKey()).contains(keyer.keyOf("001312001234"));
        assertThat(reading.ageGroup()).contains(AgeGroup.AGE_14_PLUS);
        assertThat(reading.sex()).contains(Sex.FEMALE);
        assertThat(reading.credential()).contains(CredentialKind.CITIZEN_ID);
        assertThat(reading.readAt()).isEqualTo(clock.instant());
        assertThat(reading.toString()).doesNotContain("001312001234").doesNotContain("Thảo").doesNotContain("Hà Nội");
    }

    @Test
    void toReading_bhytLegacyAndNewNumber_giveSameKey() {
        var legacy = new HealthInsuranceCard("HS4010120878811", "Lê An", LocalDate.of(2015, 1, 1), Sex.MALE, "");
        var modern = new HealthInsuranceCard("0120878811", "Lê An", LocalDate.of(2015, 1, 1), Sex.MALE, "");
        CardReading a = pseudonymizer.toReading(legacy, ReaderKind.QR);
        assertThat(a.citizenKey()).isEqualTo(pseudonymizer.toReading(modern, ReaderKind.QR).citizenKey());
        assertThat(a.ageGroup()).contains(AgeGroup.AGE_6_TO_13);
        assertThat(a.credential()).contains(CredentialKind.HEALTH_INSURANCE);
    }

    @Test
    void toReading_failedRead_keepsReasonOnly() {
        CardReading reading = pseudonymizer.toReading(new FailedRead(FailureReason.BAD_DATE), ReaderKind.CHIP);
        assertThat(reading.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(reading.failure()).contains(FailureReason.BAD_DATE);
        assertThat(reading.citizenKey()).isEmpty();
    }

    @Test
    void toReading_birthAfterToday_isFailed() {
        CardReading reading = pseudonymizer.toReading(card(LocalDate.of(2026, 6, 20)), ReaderKind.QR);
        assertThat(reading.failure()).contains(FailureReason.BIRTH_DATE_IN_FUTURE);
    }
}
