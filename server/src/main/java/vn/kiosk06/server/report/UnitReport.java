package vn.kiosk06.server.report;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One unit's report for one period, as the dashboard, the REST API and the CLI give it. Immutable.
 *
 * @param unitCode   the unit
 * @param unitName   its display name
 * @param spec       the period
 * @param figures    the unit's figures (its whole subtree) for the period
 * @param cumulative figures since the unit went live, through the period's last day, if it has a go-live date
 * @param targets    progress of the unit's targets, counted over the period
 * @param paragraph  the paste-ready text
 */
public record UnitReport(String unitCode, String unitName, PeriodSpec spec, Indicators figures,
                         Optional<ReportParagraph.CumulativeFigures> cumulative, List<TargetProgress> targets,
                         ReportParagraph paragraph) {

    public UnitReport {
        Objects.requireNonNull(unitCode, "unitCode");
        Objects.requireNonNull(spec, "spec");
        targets = List.copyOf(targets);
    }
}
