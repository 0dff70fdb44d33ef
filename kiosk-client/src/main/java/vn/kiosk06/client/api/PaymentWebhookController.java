package vn.kiosk06.client.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kiosk06.client.config.ClientConfig;
import vn.kiosk06.client.flow.KioskFlow;

/**
 * {@code POST /api/v1/payments/confirm}: the payment gateway's webhook. The gateway sends header
 * {@code X-Kiosk06-Secret} (the config's {@code payment-webhook-secret}) and {@code {"note": …, "amountVnd": …}};
 * a note holding the waiting payment's transaction code and the exact fee confirms it (Payment CONFIRMED, then the
 * ticket). Answers 200 matched, 404 no waiting payment matches, 401 wrong secret, 503 webhook not configured.
 */
@Controller("/api/v1/payments")
@ExecuteOn(TaskExecutors.BLOCKING)
final class PaymentWebhookController {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentWebhookController.class);

    private final KioskFlow flow;
    private final byte[] secret;

    PaymentWebhookController(KioskFlow flow, ClientConfig config) {
        this.flow = flow;
        this.secret = config.paymentWebhookSecret() == null ? null
                : config.paymentWebhookSecret().getBytes(StandardCharsets.UTF_8);
    }

    /** What the gateway reports: the transfer's note and amount. */
    @Serdeable
    record Transfer(@Nullable String note, long amountVnd) {
    }

    /** The answer. */
    @Serdeable
    record Outcome(String status) {
    }

    @Post(value = "/confirm", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    HttpResponse<Outcome> confirm(@Nullable @Header("X-Kiosk06-Secret") String given, @Body Transfer transfer) {
        if (secret == null) {
            return HttpResponse.<Outcome>status(HttpStatus.SERVICE_UNAVAILABLE).body(new Outcome("WEBHOOK_NOT_CONFIGURED"));
        }
        // Constant-time: the comparison must not tell a caller how much of a guess was right.
        if (given == null || !MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
            LOG.warn("payment webhook: refused a call with a wrong secret");
            return HttpResponse.<Outcome>status(HttpStatus.UNAUTHORIZED).body(new Outcome("BAD_SECRET"));
        }
        if (transfer.note() != null && flow.confirmPayment(transfer.note(), transfer.amountVnd())) {
            return HttpResponse.ok(new Outcome("CONFIRMED"));
        }
        // Logged without the note: bank apps sometimes put the payer's name in it.
        LOG.warn("payment webhook: a transfer of {} VND matched no waiting payment", transfer.amountVnd());
        return HttpResponse.<Outcome>status(HttpStatus.NOT_FOUND).body(new Outcome("NO_MATCHING_PAYMENT"));
    }
}
