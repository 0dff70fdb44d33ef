package vn.kiosk06.server.dashboard;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.net.URI;

/**
 * Sends {@code /}, {@code /dashboard} and {@code /dashboard/} to the dashboard's page. The page itself, its CSS and JS are static
 * resources in the jar ({@code classpath:public}, served under {@code /dashboard/}); they call the REST API.
 */
@Controller
final class DashboardController {

    private static final URI PAGE = URI.create("/dashboard/index.html");

    @Get
    HttpResponse<?> root() {
        return HttpResponse.seeOther(PAGE);
    }

    /**
     * One route for {@code /dashboard} and {@code /dashboard/}: Micronaut matches a route with or without its
     * trailing slash, so a second route for the slash made every request to either "more than 1 route matched"
     * (400). A deep link's {@code #fragment} never reaches the server; the browser keeps it across the redirect.
     */
    @Get("/dashboard")
    HttpResponse<?> dashboard() {
        return HttpResponse.seeOther(PAGE);
    }
}
