package vn.kiosk06.client.flow;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * One snapshot of the kiosk's screen: everything the page needs to draw it and nothing more. It never holds a
 * citizen's ID, name, address or key — the flow does not have them.
 *
 * @param screen         WELCOME, BHYT_ENTRY, NOT_ELIGIBLE, DEPARTMENT, PAYMENT, PAYMENT_ENDED, PRINTING or TICKET
 * @param version        grows with every change, so the page redraws only when something changed
 * @param message        a code for a notice on the current screen (READ_FAILED, CARD_EXPIRED, TIMED_OUT …), or null
 * @param caseType       BHYT or FEE once decided, else null
 * @param facilityName   the facility, for the header and the ticket
 * @param departments    on DEPARTMENT: the choices
 * @param department     the chosen department's name
 * @param feeVnd         on PAYMENT: the amount
 * @param paymentQrSvg   on PAYMENT: the VietQR code as SVG markup; null when no bank account is configured
 * @param paymentNote    on PAYMENT: the transfer note (the transaction code)
 * @param secondsLeft    on PAYMENT: seconds until the payment times out
 * @param staffConfirm   on PAYMENT: whether the staff "confirm" button is offered (demo)
 * @param payee          on PAYMENT with a VietQR code: whose account the transfer goes to
 * @param ticket         on TICKET: the ticket
 */
public record KioskState(String screen, long version, @Nullable String message, @Nullable String caseType,
                         String facilityName, List<DepartmentView> departments, @Nullable String department,
                         @Nullable Long feeVnd, @Nullable String paymentQrSvg, @Nullable String paymentNote,
                         @Nullable Long secondsLeft, boolean staffConfirm, @Nullable Payee payee,
                         @Nullable TicketView ticket) {

    /**
     * The account a VietQR transfer goes to, shown beside the code so the patient can check it in the banking app.
     *
     * @param name    the account holder (the facility)
     * @param bank    the bank's name; empty when not configured
     * @param account the account number
     */
    public record Payee(String name, String bank, String account) {
    }

    /** A department choice. */
    public record DepartmentView(String code, String name) {
    }

    /**
     * The queue ticket.
     *
     * @param queueNumber     e.g. 0042
     * @param transactionCode e.g. PQ01-261123-0042
     * @param department      the department's name
     * @param location        where to go, e.g. "Phòng 105, tầng 1" (from the server's config); empty when not set
     * @param caseType        BHYT (insured) or FEE (fee-paying)
     * @param paidVnd         the amount paid at the kiosk; null when nothing was paid here
     * @param issuedAt        local date and time, dd/MM/yyyy HH:mm
     * @param printed         true when the printer printed it; false means "this screen is the ticket"
     * @param printProblem    why it was not printed, e.g. "paper out"; null when printed
     * @param qrSvg           when not printed: a QR code of the transaction code and queue number for staff to scan
     */
    public record TicketView(String queueNumber, String transactionCode, String department, String location,
                             String caseType, @Nullable Long paidVnd, String issuedAt, boolean printed,
                             @Nullable String printProblem, @Nullable String qrSvg) {
    }
}
