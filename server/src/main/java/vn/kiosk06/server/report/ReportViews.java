package vn.kiosk06.server.report;

import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.kiosk06.wire.AgeGroup;
import vn.kiosk06.wire.FieldActivity;

/** The JSON shapes of the report API; plain values mapped from the report core. */
final class ReportViews {

    private ReportViews() {
    }

    /** A unit's figures; {@code fieldAssists} is activity → age group → count. */
    @Serdeable
    record FiguresView(long receptions, long receptionsBhyt, long receptionsFee, long transactionCodes, long payments,
                       long paymentsVnd, long cardReadsOk, long cardReads, BigDecimal cardReadSuccessPercent,
                       long fieldAssistsTotal, Map<String, Map<String, Long>> fieldAssists, long uniqueCitizens,
                       long activeDevices, long silentDevices, long timeUnknown) {

        static FiguresView of(Indicators f) {
            Map<String, Map<String, Long>> assists = new LinkedHashMap<>();
            for (FieldActivity a : FieldActivity.values()) {
                Map<String, Long> row = new LinkedHashMap<>();
                for (AgeGroup g : AgeGroup.values()) {
                    row.put(g.name(), f.fieldAssists().get(a, g));
                }
                assists.put(a.name(), row);
            }
            return new FiguresView(f.receptions(), f.receptionsBhyt(), f.receptionsFee(), f.transactionCodes(),
                    f.payments(), f.paymentsVnd(), f.cardReadsOk(), f.cardReads(),
                    f.cardReadSuccessPercent().orElse(null), f.fieldAssists().total(), assists, f.uniqueCitizens(),
                    f.activeDevices(), f.silentDevices(), f.timeUnknown());
        }
    }

    /** A period: canonical spec, inclusive days, and the specs of the periods before and after it (if any). */
    @Serdeable
    record PeriodView(String spec, String firstDay, String lastDay, String display, String previous, String next) {
        static PeriodView of(PeriodSpec spec) {
            ReportingPeriod p = spec.period();
            return new PeriodView(spec.format(), p.firstDay().toString(), p.lastDay().toString(), p.displayVi(),
                    spec.previous().map(PeriodSpec::format).orElse(null), spec.next().map(PeriodSpec::format).orElse(null));
        }
    }

    /** Cumulative figures since go-live. */
    @Serdeable
    record CumulativeView(String firstDay, String lastDay, FiguresView figures) {
    }

    /** A target's progress. */
    @Serdeable
    record TargetView(String unit, String activity, String activityVi, List<String> ageGroups, long denominator,
                      long achieved, BigDecimal percent, BigDecimal targetPercent, long required, boolean met) {
        static TargetView of(TargetProgress p) {
            return new TargetView(p.target().unitCode(), p.target().activity().name(), p.target().activity().vietnamese(),
                    p.target().ageGroups().stream().map(Enum::name).sorted().toList(), p.target().denominator(),
                    p.achieved(), p.percent(), p.target().targetPercent(), p.required(), p.met());
        }
    }

    /** A unit's report. */
    @Serdeable
    record ReportView(String unit, String unitName, PeriodView period, FiguresView figures, CumulativeView cumulative,
                      List<TargetView> targets, String paragraphVi, String paragraphEn, int silentAfterDays,
                      UnverifiedView unverified) {
        static ReportView of(UnitReport r) {
            return new ReportView(r.unitCode(), r.unitName(), PeriodView.of(r.spec()),
                    FiguresView.of(r.figures()),
                    r.cumulative().map(c -> new CumulativeView(c.span().firstDay().toString(),
                            c.span().lastDay().toString(), FiguresView.of(c.figures()))).orElse(null),
                    r.targets().stream().map(TargetView::of).toList(),
                    r.paragraph().vietnamese(), r.paragraph().english(), r.paragraph().silentAfterDays(),
                    r.paragraph().unverified().map(u -> new UnverifiedView(u.devices(), FiguresView.of(u.figures())))
                            .orElse(null));
        }
    }

    /**
     * The figures of the unit's devices whose hash chain is broken, kept out of {@code figures} (null when none).
     */
    @Serdeable
    record UnverifiedView(List<String> devices, FiguresView figures) {
    }
}
