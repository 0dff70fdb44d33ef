package vn.kiosk06.server.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * Numbers the way the seed reports write them: thousands grouped with "." ({@code 5.454}), decimals with
 * "," ({@code 79,48%}), money as {@code 880.000đ} with no space.
 *
 * <p>Written by hand rather than with {@code NumberFormat}: the JDK's vi-VN currency format yields
 * {@code 880.000 ₫} with a no-break space, which is not what the reports print, and locale data changes
 * between JDK versions. Stateless and thread-safe.
 */
public final class VietnameseNumbers {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private VietnameseNumbers() {
    }

    /** {@code 5454 → "5.454"}, {@code -1200 → "-1.200"}. */
    public static String count(long value) {
        return grouped(value, '.');
    }

    /** {@code 880000 → "880.000đ"}. */
    public static String vnd(long dong) {
        return count(dong) + "đ";
    }

    /**
     * A percentage rounded HALF_UP to two decimals with a decimal comma: {@code 79.4797 → "79,48%"}.
     * A whole result drops the ",00" as the seeds do ("đạt tỷ lệ 100%", "đạt tỷ lệ 82%").
     */
    public static String percent(BigDecimal percent) {
        return percent(percent, '.', ',');
    }

    /** A percentage in the given separators; package-private for the English text ("79.48%"). */
    static String percent(BigDecimal percent, char group, char decimal) {
        BigDecimal rounded = percent.setScale(2, RoundingMode.HALF_UP);
        String sign = rounded.signum() < 0 ? "-" : "";
        String plain = rounded.abs().toPlainString();
        int dot = plain.indexOf('.');
        String whole = grouped(Long.parseLong(plain.substring(0, dot)), group);
        String fraction = plain.substring(dot + 1);
        return sign + whole + ("00".equals(fraction) ? "" : decimal + fraction) + "%";
    }

    /**
     * {@code part / whole × 100} rounded HALF_UP to two decimals, or empty when {@code whole} is 0 (a rate
     * of nothing is not 0%, and the reports then leave the sentence out).
     */
    public static Optional<BigDecimal> ratePercent(long part, long whole) {
        if (whole == 0) {
            return Optional.empty();
        }
        return Optional.of(BigDecimal.valueOf(part).multiply(HUNDRED)
                .divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP));
    }

    /** Groups of three digits joined by {@code separator}; package-private for the English text. */
    static String grouped(long value, char separator) {
        String digits = Long.toString(value);
        boolean negative = digits.startsWith("-");
        if (negative) {
            digits = digits.substring(1);
        }
        StringBuilder out = new StringBuilder(digits.length() + digits.length() / 3 + 1);
        int lead = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        out.append(digits, 0, lead);
        for (int i = lead; i < digits.length(); i += 3) {
            out.append(separator).append(digits, i, i + 3);
        }
        return negative ? "-" + out : out.toString();
    }
}
