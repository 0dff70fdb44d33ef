package vn.kiosk06.server.audit;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import vn.kiosk06.server.security.Caller;

/**
 * {@code GET /api/v1/admin/audit?limit=N}: the newest audit rows, newest first (admins only: the access filter
 * guards {@code /api/v1/admin/**}).
 */
@Controller("/api/v1/admin/audit")
@ExecuteOn(TaskExecutors.BLOCKING)
final class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    /** One row. */
    @Serdeable
    record AuditRow(long id, long atMs, String actor, String action, String subject, String detail) {
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    List<AuditRow> latest(HttpRequest<?> request, @QueryValue(defaultValue = "200") int limit) {
        // The filter already refuses non-admins here; checked again so a route that escaped its prefix check stays shut.
        Caller.of(request).requireAdmin("read the audit log");
        return audit.latest(Math.min(Math.max(limit, 1), 1000)).stream()
                .map(e -> new AuditRow(e.id(), e.atMs(), e.actor(), e.action(), e.subject(), e.detail()))
                .toList();
    }
}
