package vn.kiosk06.client.api;

import jakarta.inject.Singleton;
import vn.kiosk06.client.http.HttpCall;
import vn.kiosk06.client.http.HttpReply;
import vn.kiosk06.client.http.Router;
import vn.kiosk06.client.http.Routes;
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
@Singleton
final class PaymentWebhookController implements Routes {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentWebhookController.class);

    private final KioskFlow flow;
    private final byte[] secret;

    PaymentWebhookController(KioskFlow flow, ClientConfig config) {
        this.flow = flow;
        this.secret = config.paymentWebhookSecret() == null ? null
                : config.paymentWebhookSecret().getBytes(StandardCharsets.UTF_8);
    }

    /** What the gateway reports: the transfer's note and amount. */
    record Transfer(String note, long amountVnd) {
    }

    /** The answer. */
    record Outcome(String status) {
    }

    @Override
    public void register(Router router) {
        router.post("/api/v1/payments/confirm", this::confirm);
    }

    private HttpReply confirm(HttpCall call) {
        String given = call.header("X-Kiosk06-Secret").orElse(null);
        if (secret == null) {
            return HttpReply.json(503, new Outcome("WEBHOOK_NOT_CONFIGURED"));
        }
        // Constant-time: the comparison must not tell a caller how much of a guess was right.
        if (given == null || !MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
            LOG.warn("payment webhook: refused a call with a wrong secret");
            return HttpReply.json(401, new Outcome("BAD_SECRET"));
        }
        Transfer transfer = call.body(Transfer.class);
        if (transfer.note() != null && flow.confirmPayment(transfer.note(), transfer.amountVnd())) {
            return HttpReply.ok(new Outcome("CONFIRMED"));
        }
        // Logged without the note: bank apps sometimes put the payer's name in it.
        LOG.warn("payment webhook: a transfer of {} VND matched no waiting payment", transfer.amountVnd());
        return HttpReply.json(404, new Outcome("NO_MATCHING_PAYMENT"));
    }
}
