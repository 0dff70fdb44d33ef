package vn.kiosk06.server.report;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import vn.kiosk06.server.security.Caller;
import vn.kiosk06.server.orgunit.OrgUnitDirectory;

/**
 * Reports over REST: {@code GET /api/v1/report?unit=U&period=SPEC} (figures, cumulative, targets and the
 * paragraph in Vietnamese and English), the same table as {@code report.csv} / {@code report.xlsx} with Vietnamese
 * headers, {@code report.txt} (the paragraph alone), {@code report.docx} (the official report document) and {@code series} for the dashboard's chart. A bad period spec
 * is a 400 naming the problem; an unknown unit a 404; a unit outside the caller's subtree a 403.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
final class ReportController {

    static final MediaType DOCX = MediaType.of("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    static final MediaType XLSX = MediaType.of("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final ReportService reports;
    private final OrgUnitDirectory units;

    ReportController(ReportService reports, OrgUnitDirectory units) {
        this.reports = reports;
        this.units = units;
    }

    /** The unit, once the caller may see it. */
    private String visible(HttpRequest<?> request, String unit) {
        Caller.of(request).requireUnit(units.tree(), unit);
        return unit;
    }

    @Get(value = "/report", produces = MediaType.APPLICATION_JSON)
    ReportViews.ReportView report(HttpRequest<?> request, @QueryValue String unit, @QueryValue String period) {
        return ReportViews.ReportView.of(reports.report(visible(request, unit), PeriodSpec.parse(period)));
    }

    @Get(value = "/report.txt", produces = MediaType.TEXT_PLAIN + ";charset=utf-8")
    String paragraph(HttpRequest<?> request, @QueryValue String unit, @QueryValue String period,
                     @QueryValue(defaultValue = "vi") String lang) {
        var p = reports.report(visible(request, unit), PeriodSpec.parse(period)).paragraph();
        return "en".equals(lang.toLowerCase(Locale.ROOT)) ? p.english() : p.vietnamese();
    }

    @Get(value = "/report.csv")
    HttpResponse<byte[]> csv(HttpRequest<?> request, @QueryValue String unit, @QueryValue String period) {
        return file(request, unit, period, "csv", MediaType.of("text/csv;charset=utf-8"),
                spec -> reports.table(unit, spec).csvBytes());
    }

    @Get(value = "/report.xlsx")
    HttpResponse<byte[]> xlsx(HttpRequest<?> request, @QueryValue String unit, @QueryValue String period) {
        return file(request, unit, period, "xlsx", XLSX, spec -> reports.workbook(unit, spec).xlsx());
    }

    /** The report as an official Word document (national motto, number, place and date, "Nơi nhận"). */
    @Get(value = "/report.docx")
    HttpResponse<byte[]> docx(HttpRequest<?> request, @QueryValue String unit, @QueryValue String period) {
        return file(request, unit, period, "docx", DOCX, spec -> reports.document(unit, spec).docx());
    }

    /** A download of the unit's report for the period, once the caller may see the unit. */
    private HttpResponse<byte[]> file(HttpRequest<?> request, String unit, String period, String extension,
                                      MediaType type, java.util.function.Function<PeriodSpec, byte[]> body) {
        visible(request, unit);
        PeriodSpec spec = PeriodSpec.parse(period);
        return HttpResponse.ok(body.apply(spec))
                .contentType(type)
                .header("Content-Disposition", "attachment; filename=\"" + fileName(unit, spec) + "." + extension + "\"");
    }

    /** A period a person can pick on the report page. */
    @Serdeable
    record ChoiceView(String key, String labelVi, String labelEn, ReportViews.PeriodView period, boolean finished) {
    }

    /** The day (by the server's clock), the period choices on it and the key of the default one. */
    @Serdeable
    record ChoicesView(String today, String defaultKey, List<ChoiceView> choices) {
    }

    /**
     * The periods to pick from for {@code unit}, worked out on the server's today so every browser agrees, with the
     * last completed month as the default.
     */
    @Get(value = "/periods", produces = MediaType.APPLICATION_JSON)
    ChoicesView periods(HttpRequest<?> request, @QueryValue String unit) {
        visible(request, unit);
        LocalDate today = reports.today();
        Optional<LocalDate> goLive = OrgUnitDirectory.UNASSIGNED.equals(unit) ? Optional.empty() : units.tree().goLive(unit);
        return new ChoicesView(today.toString(), PeriodChoices.DEFAULT, PeriodChoices.on(today, goLive).stream()
                .map(c -> new ChoiceView(c.key(), c.labelVi(), c.labelEn(),
                        ReportViews.PeriodView.of(c.spec()), c.finished()))
                .toList());
    }

    /** One chart point. */
    @Serdeable
    record PointView(String from, String to, long receptions, long transactionCodes, long cardReads, long fieldAssists,
                     long events) {
    }

    @Get(value = "/series", produces = MediaType.APPLICATION_JSON)
    List<PointView> series(HttpRequest<?> request, @QueryValue String unit, @QueryValue String period, @QueryValue(defaultValue = "day") String by) {
        boolean weekly = switch (by) {
            case "day" -> false;
            case "week" -> true;
            default -> throw new PeriodSpecException("by must be day or week, was \"" + by + "\"");
        };
        return reports.series(visible(request, unit), PeriodSpec.parse(period), weekly).stream()
                .map(p -> new PointView(p.from().toString(), p.to().toString(), p.receptions(), p.transactionCodes(),
                        p.cardReads(), p.fieldAssists(), p.events()))
                .toList();
    }

    private static String fileName(String unit, PeriodSpec spec) {
        return "bao-cao-" + unit + "-" + spec.period().firstDay() + "-" + spec.period().lastDay();
    }
}
