package vn.kiosk06.server.dashboard;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.net.URI;

/**
 * Sends {@code /} and {@code /dashboard} to the dashboard's page. The page itself, its CSS and JS are static
 * resources in the jar ({@code classpath:public}, served under {@code /dashboard/}); they call the REST API.
 */
@Controller
final class DashboardController {

    private static final URI PAGE = URI.create("/dashboard/index.html");

    @Get
    HttpResponse<?> root() {
        return HttpResponse.seeOther(PAGE);
    }

    @Get("/dashboard")
    HttpResponse<?> dashboard() {
        return HttpResponse.seeOther(PAGE);
    }

    @Get("/dashboard/")
    HttpResponse<?> dashboardSlash() {
        return HttpResponse.seeOther(PAGE);
    }
}
