package vn.kiosk06.server.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import vn.kiosk06.wire.AgeGroup;
import vn.kiosk06.wire.FieldActivity;

/**
 * The text a committee pastes into its report for one unit and period, in Vietnamese (the seeds'
 * sentence shapes and number style) and in English.
 *
 * <p>The text is a list of "- " bullet lines joined by {@code \n}, in this order, each left out when it
 * would say nothing:
 * <ol>
 * <li>kiosk: receptions with the BHYT / fee split, transaction codes, payments (count and đồng), then the
 *     cumulative ("Lũy kế từ …") sentence if cumulative figures are given — left out only when both the
 *     period and the cumulative kiosk figures are all zero (a unit without kiosks). Zeros inside a
 *     present sentence are kept, so its shape stays the one the reader knows;</li>
 * <li>card look-ups "tra cứu thành công X/Y lượt, đạt tỷ lệ Z%" — left out when there were no look-ups
 *     in the period nor cumulatively (a rate of nothing is not 0%);</li>
 * <li>field teams by activity, each activity left out when zero; VNeID level 2 is always split ≥ 14 /
 *     6–14 (the seed 002 targets are set that way), other activities only when more than one age group
 *     is non-zero;</li>
 * <li>one line per target with progress;</li>
 * <li>distinct citizens and device health, when any of them is non-zero;</li>
 * <li>the events whose time is unknown, when non-zero: they are in no period and must not vanish.</li>
 * </ol>
 * If every line is left out, a single line says there are no figures. Immutable and thread-safe.
 *
 * @param unitName        the unit's display name, e.g. "Trung tâm Y tế Phú Quốc"
 * @param period          the reporting period
 * @param figures         the unit's figures for the period
 * @param cumulative      cumulative figures since go-live, if the report carries them
 * @param targets         target progress lines, in the order to print
 * @param silentAfterDays the silence threshold {@link Indicators#silentDevices()} was computed with
 * @param asOf            for a period not over yet, the day the figures run to: the text then says "tính đến ngày
 *                        04/12/2026" where a finished period says "đến 10/12/2026", never a future date
 */
public record ReportParagraph(String unitName, ReportingPeriod period, Indicators figures,
        Optional<CumulativeFigures> cumulative, List<TargetProgress> targets, int silentAfterDays,
        Optional<LocalDate> asOf, Optional<Unverified> unverified) {

    /**
     * Figures of the unit's devices whose hash chain is broken by tampering, over the same period: not in
     * {@link #figures()} (nor cumulative figures or targets), but on a line of their own, so a rewritten journal can
     * neither inflate the figures silently nor make good figures vanish.
     *
     * @param devices the devices whose chain is broken, by id
     * @param figures their figures for the period
     */
    public record Unverified(List<String> devices, Indicators figures) {
        public Unverified {
            devices = List.copyOf(devices);
            Objects.requireNonNull(figures, "figures");
        }
    }

    /** As the canonical constructor, with no unverified figures. */
    public ReportParagraph(String unitName, ReportingPeriod period, Indicators figures,
                           Optional<CumulativeFigures> cumulative, List<TargetProgress> targets, int silentAfterDays,
                           Optional<LocalDate> asOf) {
        this(unitName, period, figures, cumulative, targets, silentAfterDays, asOf, Optional.empty());
    }

    /** A copy carrying the figures of devices whose chain is broken (a line of their own). */
    public ReportParagraph withUnverified(Optional<Unverified> u) {
        return new ReportParagraph(unitName, period, figures, cumulative, targets, silentAfterDays, asOf, u);
    }

    /**
     * Cumulative figures: {@code span} runs from the since-date (go-live) to the end of the period.
     */
    public record CumulativeFigures(ReportingPeriod span, Indicators figures) {
        public CumulativeFigures {
            Objects.requireNonNull(span, "span");
            Objects.requireNonNull(figures, "figures");
        }
    }

    private static final DateTimeFormatter ENGLISH_DATE = DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH);

    public ReportParagraph {
        Objects.requireNonNull(unitName, "unitName");
        if (unitName.isBlank()) {
            throw new IllegalArgumentException("unitName must not be blank");
        }
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(figures, "figures");
        Objects.requireNonNull(cumulative, "cumulative");
        targets = List.copyOf(targets);
        if (silentAfterDays < 1) {
            throw new IllegalArgumentException("silentAfterDays must be ≥ 1, was " + silentAfterDays);
        }
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(unverified, "unverified");
        asOf.ifPresent(day -> {
            if (!period.contains(day) || day.equals(period.lastDay())) {
                throw new IllegalArgumentException("asOf must be a day of the period before its last day "
                        + period.lastDay() + ", was " + day);
            }
        });
        cumulative.ifPresent(c -> {
            if (!c.span().lastDay().equals(period.lastDay())) {
                throw new IllegalArgumentException("cumulative span must end with the period on "
                        + period.lastDay() + ", was " + c.span().lastDay());
            }
        });
    }

    /** A paragraph for a finished period. */
    public ReportParagraph(String unitName, ReportingPeriod period, Indicators figures,
                           Optional<CumulativeFigures> cumulative, List<TargetProgress> targets, int silentAfterDays) {
        this(unitName, period, figures, cumulative, targets, silentAfterDays, Optional.empty());
    }

    /** A copy that, if {@code today} falls before the period's last day, marks the period as not over yet. */
    public ReportParagraph asOf(LocalDate today) {
        Optional<LocalDate> open = period.contains(today) && today.isBefore(period.lastDay())
                ? Optional.of(today) : Optional.empty();
        return new ReportParagraph(unitName, period, figures, cumulative, targets, silentAfterDays, open, unverified);
    }

    /** A paragraph with no cumulative figures, no targets and a 7-day silence threshold. */
    public static ReportParagraph of(String unitName, ReportingPeriod period, Indicators figures) {
        return new ReportParagraph(unitName, period, figures, Optional.empty(), List.of(), 7);
    }

    /** A copy carrying cumulative figures over {@code span}. */
    public ReportParagraph withCumulative(ReportingPeriod span, Indicators cumulativeFigures) {
        return new ReportParagraph(unitName, period, figures,
                Optional.of(new CumulativeFigures(span, cumulativeFigures)), targets, silentAfterDays, asOf, unverified);
    }

    /** A copy carrying target progress lines. */
    public ReportParagraph withTargets(List<TargetProgress> progress) {
        return new ReportParagraph(unitName, period, figures, cumulative, progress, silentAfterDays, asOf, unverified);
    }

    /** A copy stating the silence threshold the device figures were computed with. */
    public ReportParagraph withSilentAfterDays(int days) {
        return new ReportParagraph(unitName, period, figures, cumulative, targets, days, asOf, unverified);
    }

    /** The Vietnamese text. */
    public String vietnamese() {
        return String.join("\n", lines(VI));
    }

    /** The English text. */
    public String english() {
        return String.join("\n", lines(EN));
    }

    private List<String> lines(Wording w) {
        List<String> lines = new ArrayList<>();
        boolean cumulativeKiosk = cumulative.map(c -> c.figures().hasKioskActivity()).orElse(false);
        if (figures.hasKioskActivity() || cumulativeKiosk) {
            StringBuilder line = new StringBuilder(w.kioskHeading(unitName, period, asOf)).append(w.kiosk(figures)).append('.');
            cumulative.ifPresent(c -> line.append(' ').append(w.cumulativeKiosk(c, asOf)).append('.'));
            lines.add(line.toString());
        }
        long cumulativeReads = cumulative.map(c -> c.figures().cardReads()).orElse(0L);
        if (figures.cardReads() > 0 || cumulativeReads > 0) {
            StringBuilder line = new StringBuilder(w.readsHeading());
            line.append(figures.cardReads() > 0 ? w.reads(figures) : w.noReads()).append('.');
            if (cumulativeReads > 0) {
                CumulativeFigures c = cumulative.orElseThrow();
                line.append(' ').append(w.cumulativeFrom(c.span(), asOf)).append(' ').append(w.reads(c.figures())).append('.');
            }
            lines.add(line.toString());
        }
        if (figures.fieldAssists().total() > 0) {
            List<String> clauses = new ArrayList<>();
            for (FieldActivity activity : FieldActivity.values()) {
                if (figures.fieldAssists().total(activity) > 0) {
                    clauses.add(w.assist(activity, figures.fieldAssists()));
                }
            }
            lines.add(w.teamsHeading() + String.join("; ", clauses) + ".");
        }
        for (TargetProgress progress : targets) {
            lines.add(w.target(progress));
        }
        if (figures.uniqueCitizens() > 0 || figures.activeDevices() > 0 || figures.silentDevices() > 0) {
            lines.add(w.devices(figures, silentAfterDays));
        }
        if (figures.timeUnknown() > 0) {
            lines.add(w.timeUnknown(figures.timeUnknown()));
        }
        if (lines.isEmpty()) {
            lines.add(w.nothing(unitName, period, asOf));
        }
        unverified.ifPresent(u -> lines.add(w.unverified(u)));
        return lines;
    }

    /** The words and number style of one language. */
    private interface Wording {
        String kioskHeading(String unit, ReportingPeriod period, Optional<LocalDate> asOf);

        String kiosk(Indicators f);

        String cumulativeKiosk(CumulativeFigures c, Optional<LocalDate> asOf);

        String cumulativeFrom(ReportingPeriod span, Optional<LocalDate> asOf);

        String readsHeading();

        String reads(Indicators f);

        String noReads();

        String teamsHeading();

        String assist(FieldActivity activity, FieldAssistCounts counts);

        String target(TargetProgress progress);

        String devices(Indicators f, int silentAfterDays);

        String timeUnknown(long n);

        String unverified(Unverified u);

        String nothing(String unit, ReportingPeriod period, Optional<LocalDate> asOf);
    }

    /** Age groups to spell out for an activity; empty for no split. */
    private static List<AgeGroup> split(FieldActivity activity, FieldAssistCounts counts) {
        List<AgeGroup> nonZero = new ArrayList<>();
        // Oldest first, as the seeds list "≥ 14" before "6–14".
        List<AgeGroup> order = List.of(AgeGroup.AGE_14_PLUS, AgeGroup.AGE_6_TO_13, AgeGroup.AGE_UNDER_6);
        for (AgeGroup g : order) {
            if (counts.get(activity, g) > 0) {
                nonZero.add(g);
            }
        }
        if (activity == FieldActivity.VNEID_L2_ACTIVATION) {
            List<AgeGroup> groups = new ArrayList<>(List.of(AgeGroup.AGE_14_PLUS, AgeGroup.AGE_6_TO_13));
            if (nonZero.contains(AgeGroup.AGE_UNDER_6)) {
                groups.add(AgeGroup.AGE_UNDER_6);
            }
            return groups;
        }
        return nonZero.size() > 1 ? nonZero : List.of();
    }

    private static String ageList(Set<AgeGroup> groups, Function<AgeGroup, String> name, String and) {
        List<AgeGroup> order = new ArrayList<>(List.of(AgeGroup.AGE_14_PLUS, AgeGroup.AGE_6_TO_13, AgeGroup.AGE_UNDER_6));
        order.retainAll(EnumSet.copyOf(groups));
        return order.stream().map(name).collect(Collectors.joining(and));
    }

    private static final Wording VI = new Wording() {
        @Override
        public String kioskHeading(String unit, ReportingPeriod p, Optional<LocalDate> asOf) {
            return "- Số liệu Kiosk y tế " + unit + ": (Từ " + VietnameseDates.paddedDate(p.firstDay()) + " "
                    + until(p, asOf) + ") ";
        }

        @Override
        public String kiosk(Indicators f) {
            return "Kiosk tiếp nhận: " + kioskFigures(f);
        }

        @Override
        public String unverified(Unverified u) {
            Indicators f = u.figures();
            return "- Số liệu CHƯA XÁC MINH (không cộng vào các số trên) của " + n(u.devices().size())
                    + " thiết bị có chuỗi nhật ký bị phá vỡ (" + String.join(", ", u.devices()) + "): kiosk tiếp nhận "
                    + kioskFigures(f) + "; tra cứu thẻ " + n(f.cardReads()) + " lượt; tổ công nghệ số hỗ trợ "
                    + n(f.fieldAssists().total()) + " lượt. Cần kiểm tra thiết bị trước khi sử dụng các số liệu này.";
        }

        private String kioskFigures(Indicators f) {
            return n(f.receptions()) + " ca (trong đó " + n(f.receptionsBhyt()) + " ca BHYT, " + n(f.receptionsFee())
                    + " ca thu phí); tạo mã giao dịch là " + n(f.transactionCodes())
                    + " ca; thực hiện thanh toán qua Kiosk " + n(f.payments()) + " ca "
                    + VietnameseNumbers.vnd(f.paymentsVnd());
        }

        @Override
        public String cumulativeKiosk(CumulativeFigures c, Optional<LocalDate> asOf) {
            return cumulativeFrom(c.span(), asOf) + " Kiosk tiếp nhận " + kioskFigures(c.figures());
        }

        @Override
        public String cumulativeFrom(ReportingPeriod span, Optional<LocalDate> asOf) {
            return "Lũy kế từ " + VietnameseDates.paddedDate(span.firstDay()) + " " + until(span, asOf);
        }

        @Override
        public String readsHeading() {
            return "- Tra cứu thông tin bằng thẻ Căn cước/CCCD, VNeID tại Kiosk: ";
        }

        @Override
        public String reads(Indicators f) {
            return "tra cứu thành công " + n(f.cardReadsOk()) + "/" + n(f.cardReads()) + " lượt, đạt tỷ lệ "
                    + VietnameseNumbers.percent(f.cardReadSuccessPercent().orElseThrow());
        }

        @Override
        public String noReads() {
            return "trong kỳ không có lượt tra cứu";
        }

        @Override
        public String teamsHeading() {
            return "- Tổ công nghệ số cộng đồng: ";
        }

        @Override
        public String assist(FieldActivity activity, FieldAssistCounts counts) {
            String text = activity.vietnamese() + " cho " + n(counts.total(activity)) + " công dân";
            List<AgeGroup> groups = split(activity, counts);
            if (!groups.isEmpty()) {
                text += " (trong đó " + groups.stream()
                        .map(g -> n(counts.get(activity, g)) + " công dân " + g.vietnamese())
                        .collect(Collectors.joining(", ")) + ")";
            }
            return text;
        }

        @Override
        public String target(TargetProgress p) {
            Target t = p.target();
            return "- Chỉ tiêu " + t.activity().vietnamese() + " (công dân "
                    + ageList(t.ageGroups(), AgeGroup::vietnamese, ", ") + "): " + n(p.achieved()) + "/"
                    + n(t.denominator()) + ", đạt tỷ lệ " + VietnameseNumbers.percent(p.percent()) + " (chỉ tiêu "
                    + VietnameseNumbers.percent(t.targetPercent()) + "; "
                    + (p.met() ? "đã hoàn thành" : "còn thiếu " + n(p.shortfall())) + ").";
        }

        @Override
        public String devices(Indicators f, int days) {
            return "- Số công dân được phục vụ (không trùng lặp): " + n(f.uniqueCitizens())
                    + "; thiết bị hoạt động trong kỳ: " + n(f.activeDevices())
                    + "; thiết bị không gửi dữ liệu quá " + days + " ngày: " + n(f.silentDevices()) + ".";
        }

        @Override
        public String timeUnknown(long count) {
            return "- Có " + n(count) + " sự kiện chưa rõ thời điểm (đồng hồ thiết bị chưa được hiệu chỉnh), chưa"
                    + " được tính vào kỳ báo cáo nào.";
        }

        @Override
        public String nothing(String unit, ReportingPeriod p, Optional<LocalDate> asOf) {
            return "- " + unit + ": (Từ " + VietnameseDates.paddedDate(p.firstDay()) + " " + until(p, asOf)
                    + ") không có số liệu.";
        }

        /** "đến 10/12/2026", or for a period not over yet "tính đến ngày 04/12/2026". */
        private String until(ReportingPeriod p, Optional<LocalDate> asOf) {
            return asOf.map(day -> "tính đến ngày " + VietnameseDates.paddedDate(day))
                    .orElseGet(() -> "đến " + VietnameseDates.paddedDate(p.lastDay()));
        }

        private String n(long value) {
            return VietnameseNumbers.count(value);
        }
    };

    private static final Wording EN = new Wording() {
        @Override
        public String kioskHeading(String unit, ReportingPeriod p, Optional<LocalDate> asOf) {
            return "- Health kiosk figures, " + unit + " (" + range(p, asOf) + "): ";
        }

        @Override
        public String unverified(Unverified u) {
            Indicators f = u.figures();
            return "- UNVERIFIED figures (not included above) of " + n(u.devices().size()) + " device(s) whose event "
                    + "chain is broken (" + String.join(", ", u.devices()) + "): " + kiosk(f) + "; card look-ups: "
                    + n(f.cardReads()) + "; field-team assists: " + n(f.fieldAssists().total())
                    + ". Check the device before using these figures.";
        }

        @Override
        public String kiosk(Indicators f) {
            return "kiosk receptions: " + n(f.receptions()) + " cases (" + n(f.receptionsBhyt()) + " insured (BHYT), "
                    + n(f.receptionsFee()) + " fee-paying); transaction codes created: " + n(f.transactionCodes())
                    + "; payments at the kiosk: " + n(f.payments()) + " cases, " + n(f.paymentsVnd()) + " VND";
        }

        @Override
        public String cumulativeKiosk(CumulativeFigures c, Optional<LocalDate> asOf) {
            return cumulativeFrom(c.span(), asOf) + " " + kiosk(c.figures());
        }

        @Override
        public String cumulativeFrom(ReportingPeriod span, Optional<LocalDate> asOf) {
            return "Cumulative from " + range(span, asOf) + ":";
        }

        @Override
        public String readsHeading() {
            return "- ID card / VNeID look-ups at kiosks: ";
        }

        @Override
        public String reads(Indicators f) {
            return n(f.cardReadsOk()) + " of " + n(f.cardReads()) + " successful ("
                    + pct(f.cardReadSuccessPercent().orElseThrow()) + ")";
        }

        @Override
        public String noReads() {
            return "no look-ups in the period";
        }

        @Override
        public String teamsHeading() {
            return "- Community digital-technology teams: ";
        }

        @Override
        public String assist(FieldActivity activity, FieldAssistCounts counts) {
            String text = activity.english() + ": " + n(counts.total(activity)) + " citizens";
            List<AgeGroup> groups = split(activity, counts);
            if (!groups.isEmpty()) {
                text += " (" + groups.stream().map(g -> n(counts.get(activity, g)) + " " + g.english())
                        .collect(Collectors.joining(", ")) + ")";
            }
            return text;
        }

        @Override
        public String target(TargetProgress p) {
            Target t = p.target();
            return "- Target for " + t.activity().english() + " (citizens "
                    + ageList(t.ageGroups(), AgeGroup::english, ", ") + "): " + n(p.achieved()) + " of "
                    + n(t.denominator()) + ", " + pct(p.percent()) + " (target " + pct(t.targetPercent()) + "; "
                    + (p.met() ? "met" : n(p.shortfall()) + " short") + ").";
        }

        @Override
        public String devices(Indicators f, int days) {
            return "- Distinct citizens served: " + n(f.uniqueCitizens()) + "; devices active in the period: "
                    + n(f.activeDevices()) + "; devices silent for more than " + days + " days: "
                    + n(f.silentDevices()) + ".";
        }

        @Override
        public String timeUnknown(long count) {
            return "- " + n(count) + " events have an unknown time (device clock not corrected) and are not"
                    + " counted in any period.";
        }

        @Override
        public String nothing(String unit, ReportingPeriod p, Optional<LocalDate> asOf) {
            return "- " + unit + " (" + range(p, asOf) + "): no figures.";
        }

        /** "11 Nov 2026 to 10 Dec 2026", or for a period not over yet "11 Nov 2026 up to 4 Dec 2026 (not over)". */
        private String range(ReportingPeriod p, Optional<LocalDate> asOf) {
            return date(p.firstDay()) + asOf.map(day -> " up to " + date(day) + " (period not over)")
                    .orElseGet(() -> " to " + date(p.lastDay()));
        }

        private String date(LocalDate d) {
            return ENGLISH_DATE.format(d);
        }

        private String n(long value) {
            return VietnameseNumbers.grouped(value, ',');
        }

        private String pct(BigDecimal value) {
            return VietnameseNumbers.percent(value, ',', '.');
        }
    };
}
