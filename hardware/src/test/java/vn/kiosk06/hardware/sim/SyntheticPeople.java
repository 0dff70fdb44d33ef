package vn.kiosk06.hardware.sim;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import vn.kiosk06.hardware.identity.CitizenIdNumber;
import vn.kiosk06.hardware.identity.Sex;

/**
 * Generates {@link SyntheticPerson}s: Vietnamese names with diacritics, addresses with commas, IDs consistent with
 * birth date and sex, 10-digit or 15-character BHYT numbers. Deterministic for a given {@link Random}.
 *
 * <p>Not thread-safe (it advances the injected {@link Random}); give each thread its own instance.
 */
public final class SyntheticPeople {
    private static final List<String> SURNAMES = List.of("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan",
            "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý");
    private static final List<String> MALE_MIDDLE = List.of("Văn", "Hữu", "Đức", "Minh", "Quốc", "Thành");
    private static final List<String> FEMALE_MIDDLE = List.of("Thị", "Ngọc", "Thu", "Thanh", "Mỹ", "Kim");
    private static final List<String> MALE_GIVEN = List.of("An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Khoa",
            "Lộc", "Nam", "Phúc", "Quân", "Tuấn", "Việt", "Sơn");
    private static final List<String> FEMALE_GIVEN = List.of("Hà", "Hạnh", "Hương", "Linh", "Mai", "Nga", "Thảo",
            "Trang", "Yến", "Ánh", "Ngân", "Hằng");
    private static final List<String> STREETS = List.of("Trần Hưng Đạo", "Nguyễn Trung Trực", "Lê Lợi",
            "Hùng Vương", "30 Tháng 4", "Bạch Đằng");
    private static final List<String> PLACES = List.of(
            "Phường Dương Đông, Đặc khu Phú Quốc, Tỉnh An Giang",
            "Xã Hàm Ninh, Đặc khu Phú Quốc, Tỉnh An Giang",
            "Phường Nha Trang, Tỉnh Khánh Hòa",
            "Phường Bến Thành, Thành phố Hồ Chí Minh",
            "Phường Hoàn Kiếm, Thành phố Hà Nội");
    private static final List<String> PROVINCE_CODES = List.of("001", "079", "091", "056", "048", "089");
    private static final List<String> BHYT_GROUPS = List.of("GD", "HS", "DN", "HT", "TE", "CN");

    private final Random random;

    public SyntheticPeople(Random random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A person born between 1935 and 2024, with an issue date after their 14th birthday or 2021 for children. */
    public SyntheticPerson next() {
        LocalDate birth = LocalDate.of(1935, 1, 1).plusDays(random.nextInt(365 * 89));
        return born(birth, random.nextBoolean() ? Sex.MALE : Sex.FEMALE);
    }

    /** A person with the given birth date and sex; everything else random. */
    public SyntheticPerson born(LocalDate birthDate, Sex sex) {
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(sex, "sex");
        String id = pick(PROVINCE_CODES) + CitizenIdNumber.centurySexDigit(birthDate.getYear(), sex)
                + String.format("%02d", birthDate.getYear() % 100) + digits(6);
        Optional<String> oldId = birthDate.getYear() < 2000 && random.nextBoolean()
                ? Optional.of(digits(9)) : Optional.empty();
        String name = pick(SURNAMES) + " " + pick(sex == Sex.MALE ? MALE_MIDDLE : FEMALE_MIDDLE) + " "
                + pick(sex == Sex.MALE ? MALE_GIVEN : FEMALE_GIVEN);
        String address = "Số " + (1 + random.nextInt(200)) + ", Đường " + pick(STREETS) + ", " + pick(PLACES);
        LocalDate issue = LocalDate.of(2021, 1, 1).plusDays(random.nextInt(365 * 4));
        if (issue.isBefore(birthDate)) {
            issue = birthDate.plusDays(30);
        }
        String bhyt = random.nextBoolean() ? digits(10)
                : pick(BHYT_GROUPS) + (1 + random.nextInt(5)) + id.substring(1, 3) + digits(10);
        return new SyntheticPerson(id, oldId, name, birthDate, sex, address, issue, bhyt);
    }

    private String pick(List<String> options) {
        return options.get(random.nextInt(options.size()));
    }

    private String digits(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }
}
