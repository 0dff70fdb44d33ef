package vn.kiosk06.client.flow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kiosk06.client.eligibility.Eligibility;
import vn.kiosk06.client.eligibility.InsuranceCheck;
import vn.kiosk06.client.eligibility.InsuranceQuery;
import vn.kiosk06.client.hardware.ReaderEvents;
import vn.kiosk06.client.hardware.TicketService;
import vn.kiosk06.client.hardware.CardReadEvent;
import vn.kiosk06.client.journal.Journal;
import vn.kiosk06.hardware.identity.CitizenProtector;
import vn.kiosk06.client.journal.JournalException;
import vn.kiosk06.client.journal.JournalFullException;
import vn.kiosk06.client.payment.QrSvg;
import vn.kiosk06.client.payment.VietQr;
import vn.kiosk06.hardware.identity.BhytNumber;
import vn.kiosk06.hardware.identity.CardReading;
import vn.kiosk06.hardware.printer.PrintResult;
import vn.kiosk06.hardware.printer.Ticket;
import vn.kiosk06.proto.sync.v1.CaseType;
import vn.kiosk06.proto.sync.v1.Department;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.Payment;
import vn.kiosk06.proto.sync.v1.PaymentMethod;
import vn.kiosk06.proto.sync.v1.PaymentStatus;
import vn.kiosk06.proto.sync.v1.Reception;
import vn.kiosk06.proto.sync.v1.TransactionCodeCreated;

/**
 * The patient self-service flow of one kiosk, one person at a time:
 * Welcome → (card read | typed BHYT number) → insurance check → [not insured: offer the fee path] → department →
 * Reception + TransactionCodeCreated → [fee: VietQR payment, confirmed by webhook or staff, or cancelled / timed out]
 * → print the ticket (or show it) → Welcome.
 *
 * <p>Each event is durable in the journal before the screen moves on; if the journal refuses, the screen stays and
 * shows {@code SAVE_FAILED}. Untouched for the idle timeout, any screen but payment and printing returns to Welcome
 * and forgets the person. The flow never holds a raw ID, name or address: readings arrive keyed.
 *
 * <p>Thread-safe: page requests, the readers' thread and the timer all go through this object's lock. Printing runs
 * on the timer's executor, outside the lock.
 */
public final class KioskFlow implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KioskFlow.class);
    private static final DateTimeFormatter CODE_DATE = DateTimeFormatter.ofPattern("yyMMdd");
    private static final DateTimeFormatter TICKET_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    /** Screens that the idle timeout clears; payment has its own timeout, printing ends by itself. */
    private static final Set<Screen> IDLE_ENDS = EnumSet.of(Screen.BHYT_ENTRY, Screen.NOT_ELIGIBLE, Screen.DEPARTMENT,
            Screen.PAYMENT_ENDED, Screen.TICKET);
    /** Screens that tell the person something they must read (why, what next): shown at least {@link #READ_TIME}. */
    private static final Set<Screen> TO_READ = EnumSet.of(Screen.NOT_ELIGIBLE, Screen.PAYMENT_ENDED, Screen.TICKET);
    /** However short the idle timeout is configured, a message stays this long (issue 15: a timeout flashed by). */
    static final Duration READ_TIME = Duration.ofSeconds(10);

    /** The kiosk's screens. */
    public enum Screen { WELCOME, BHYT_ENTRY, NOT_ELIGIBLE, DEPARTMENT, PAYMENT, PAYMENT_ENDED, PRINTING, TICKET }

    /**
     * The kiosk's settings from its config file.
     *
     * @param facilityCode   first part of transaction codes
     * @param idleTimeout    untouched this long, back to Welcome
     * @param paymentTimeout how long payment waits for confirmation
     * @param bank           the facility's account for VietQR, if configured
     * @param staffConfirm   whether the payment screen offers the staff "confirm" button
     */
    public record Settings(String facilityCode, Duration idleTimeout, Duration paymentTimeout, Optional<BankAccount> bank,
                           boolean staffConfirm) {
        public Settings {
            Objects.requireNonNull(facilityCode, "facilityCode");
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            Objects.requireNonNull(paymentTimeout, "paymentTimeout");
            Objects.requireNonNull(bank, "bank");
        }
    }

    /**
     * A beneficiary account for VietQR, and what the payment screen says about it.
     *
     * @param bin       6-digit NAPAS BIN of the bank
     * @param account   the account number
     * @param bankName  the bank as patients know it, e.g. "Vietcombank"; empty: the screen shows no bank line
     * @param payeeName the account holder as the banking app will show it; empty: the facility's name
     */
    public record BankAccount(String bin, String account, String bankName, String payeeName) {
        public BankAccount {
            Objects.requireNonNull(bin, "bin");
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(bankName, "bankName");
            Objects.requireNonNull(payeeName, "payeeName");
        }
    }

    private final Journal journal;
    private final DeviceProfile profile;
    private final InsuranceCheck insurance;
    private final CitizenProtector citizens;
    private final QueueNumbers queueNumbers;
    private final TicketService tickets;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final Settings settings;
    private final ScheduledFuture<?> ticking;
    private AutoCloseable subscription;

    // The session: all of it is forgotten by reset().
    private Screen screen = Screen.WELCOME;
    private long version;
    private Instant lastTouch;
    private String message;
    private CaseType caseType;
    private Department department;
    private long receptionSeq;
    private String code;
    private int queueNumber;
    private long fee;
    private VietQr payment;
    private String paymentQrSvg;
    private Instant paymentDeadline;
    private boolean paymentConfirmed;
    private KioskState.TicketView ticket;

    /** A flow; call {@link #listen} to have reader events drive it. Ticks on {@code timer} every 250 ms. */
    public KioskFlow(Journal journal, DeviceProfile profile, InsuranceCheck insurance, QueueNumbers queueNumbers,
                     TicketService tickets, CitizenProtector citizens, Clock clock, ScheduledExecutorService timer,
                     Settings settings) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.citizens = Objects.requireNonNull(citizens, "citizens");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.insurance = Objects.requireNonNull(insurance, "insurance");
        this.queueNumbers = Objects.requireNonNull(queueNumbers, "queueNumbers");
        this.tickets = Objects.requireNonNull(tickets, "tickets");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.lastTouch = clock.instant();
        this.ticking = timer.scheduleWithFixedDelay(this::tickSafely, 250, 250, TimeUnit.MILLISECONDS);
    }

    /** Lets card readings drive the flow (a scan on Welcome starts a session). */
    public synchronized void listen(ReaderEvents readers) {
        subscription = readers.subscribe(this::onReaderUpdate);
    }

    /** What the page should show now. */
    public synchronized KioskState state() {
        List<KioskState.DepartmentView> choices = screen == Screen.DEPARTMENT
                ? profile.departments().stream().map(d -> new KioskState.DepartmentView(d.getCode(), d.getName())).toList()
                : List.of();
        boolean paying = screen == Screen.PAYMENT;
        Long secondsLeft = paying
                ? Math.max(0, Duration.between(clock.instant(), paymentDeadline).toSeconds()) : null;
        KioskState.Payee payee = paying && payment != null ? settings.bank().map(b -> new KioskState.Payee(
                b.payeeName().isBlank() ? profile.facilityName() : b.payeeName(), b.bankName(), b.account())).orElse(null)
                : null;
        return new KioskState(screen.name(), version, message, caseType == null ? null : caseType.name(),
                profile.facilityName(), choices, department == null ? null : department.getName(),
                paying || screen == Screen.PAYMENT_ENDED ? fee : null, paying ? paymentQrSvg : null,
                paying ? code : null, secondsLeft, paying && settings.staffConfirm(), payee, ticket);
    }

    /** The person touched the screen: restarts the idle timer. */
    public synchronized void touch() {
        lastTouch = clock.instant();
    }

    /** Welcome → typing a BHYT number. */
    public synchronized void startBhytEntry() {
        expect(Screen.WELCOME, Screen.NOT_ELIGIBLE);
        message = null;
        show(Screen.BHYT_ENTRY);
    }

    /** A typed BHYT number: checked for form (refused with {@code BHYT_FORMAT}), then for insurance. */
    public synchronized void submitBhyt(String typed) {
        expect(Screen.BHYT_ENTRY);
        touch();
        Optional<BhytNumber> number = BhytNumber.parse(typed);
        if (number.isEmpty()) {
            throw new FlowException("BHYT_FORMAT", "not a BHYT number: 10 digits or 2 letters, 1 digit 1–5 and 12 digits");
        }
        try {
            journal.append(CardReadEvent.typed(number.get(), citizens));
        } catch (JournalException e) {
            LOG.error("kiosk: typed card read not saved: {}", e.getMessage());
            notSaved(e);
            return;
        }
        decide(insurance.check(InsuranceQuery.typed(number.get())));
    }

    /** Not insured → received as fee-paying. */
    public synchronized void chooseFeePath() {
        expect(Screen.NOT_ELIGIBLE);
        touch();
        caseType = CaseType.FEE;
        message = null;
        show(Screen.DEPARTMENT);
    }

    /**
     * The department is chosen: the reception and its transaction code are journaled (durably, in that order), then
     * a fee-paying patient pays and an insured one gets the ticket.
     */
    public synchronized void chooseDepartment(String departmentCode) {
        expect(Screen.DEPARTMENT);
        touch();
        Department chosen = profile.department(departmentCode)
                .orElseThrow(() -> new FlowException("UNKNOWN_DEPARTMENT", "no department with that code"));
        LocalDateTime now = LocalDateTime.now(clock);
        try {
            long seq = journal.append(Event.newBuilder().setReception(Reception.newBuilder()
                    .setCaseType(caseType).setDepartment(chosen.getCode())).build());
            int queue = queueNumbers.next(settings.facilityCode(), now.toLocalDate());
            String newCode = settings.facilityCode() + "-" + CODE_DATE.format(now) + "-" + String.format(Locale.ROOT, "%04d", queue);
            journal.append(Event.newBuilder().setTransactionCodeCreated(TransactionCodeCreated.newBuilder()
                    .setCode(newCode).setReceptionSeq(seq).setQueueNumber(queue)).build());
            department = chosen;
            receptionSeq = seq;
            queueNumber = queue;
            code = newCode;
        } catch (JournalException e) {
            LOG.error("kiosk: reception not saved: {}", e.getMessage());
            notSaved(e);
            return;
        }
        message = null;
        fee = profile.feeVnd();
        if (caseType == CaseType.FEE && fee > 0) {
            startPayment();
        } else {
            print();
        }
    }

    /** The person cancels: a pending payment is recorded as CANCELLED and said so; elsewhere back to Welcome. */
    public synchronized void cancel() {
        if (screen == Screen.PAYMENT) {
            endPayment(PaymentStatus.CANCELLED); // shows "payment cancelled" (or SAVE_FAILED and stays)
            return;
        }
        if (screen == Screen.PRINTING) {
            throw new FlowException("NOT_ON_SCREEN", "the ticket is printing");
        }
        reset();
    }

    /** Staff confirm the payment by hand (demo; only when {@code staff-confirm: on}). */
    public synchronized void staffConfirm() {
        if (!settings.staffConfirm()) {
            throw new FlowException("STAFF_CONFIRM_OFF", "staff confirm is off on this kiosk");
        }
        expect(Screen.PAYMENT);
        confirm();
    }

    /**
     * The payment gateway reports a transfer: confirms the waiting payment when the amount equals the fee and the
     * note holds the transaction code (bank apps may change case, drop dashes or add text around it).
     *
     * @return true when it matched the payment this kiosk is waiting for
     */
    public synchronized boolean confirmPayment(String note, long amountVnd) {
        if (screen != Screen.PAYMENT || amountVnd != fee || !comparable(note).contains(comparable(code))) {
            return false;
        }
        return confirm();
    }

    /** Ticket or payment result seen → Welcome. */
    public synchronized void finish() {
        expect(Screen.TICKET, Screen.PAYMENT_ENDED);
        reset();
    }

    /** Runs the timeouts; called by the timer, and by tests with a fake clock. */
    public synchronized void tick() {
        Instant now = clock.instant();
        if (screen == Screen.PAYMENT && !now.isBefore(paymentDeadline)) {
            LOG.info("kiosk: payment timed out");
            endPayment(PaymentStatus.TIMED_OUT);
        } else if (IDLE_ENDS.contains(screen) && !now.isBefore(lastTouch.plus(idleLimit()))) {
            LOG.info("kiosk: idle on {} for {}: back to Welcome", screen, idleLimit());
            reset();
        }
    }

    /** How long the current screen may stay untouched: a message to read gets at least {@link #READ_TIME}. */
    private Duration idleLimit() {
        Duration idle = settings.idleTimeout();
        return TO_READ.contains(screen) && idle.compareTo(READ_TIME) < 0 ? READ_TIME : idle;
    }

    /** The journal refused an event: the screen stays and says so; a full journal says "ask staff", not "retry". */
    private void notSaved(JournalException e) {
        message = e instanceof JournalFullException ? "JOURNAL_FULL" : "SAVE_FAILED";
        version++;
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.error("kiosk: timer failed: {}", e.getClass().getName());
        }
    }

    private void onReaderUpdate(ReaderEvents.Update update) {
        synchronized (this) {
            if (update instanceof ReaderEvents.Connection) {
                version++; // the Welcome screen's hint changes with the reader's state
                return;
            }
            if (!(update instanceof ReaderEvents.Read read) || (screen != Screen.WELCOME && screen != Screen.BHYT_ENTRY
                    && screen != Screen.NOT_ELIGIBLE)) {
                return; // a scan mid-flow is journaled by the recorder and otherwise ignored
            }
            touch();
            CardReading reading = read.reading();
            if (!reading.isOk()) {
                reset();
                message = "READ_FAILED";
                return;
            }
            reset();
            touch();
            decide(insurance.check(InsuranceQuery.scanned(reading.credential().orElseThrow())));
        }
    }

    private void decide(Eligibility verdict) {
        if (verdict.insured()) {
            caseType = CaseType.BHYT;
            message = null;
            show(Screen.DEPARTMENT);
        } else {
            caseType = null;
            message = verdict.reason();
            show(Screen.NOT_ELIGIBLE);
        }
    }

    private void startPayment() {
        paymentDeadline = clock.instant().plus(settings.paymentTimeout());
        if (settings.bank().isPresent()) {
            BankAccount bank = settings.bank().get();
            payment = new VietQr(bank.bin(), bank.account(), fee, code);
            paymentQrSvg = QrSvg.of(payment.payload());
        } else {
            payment = null;
            paymentQrSvg = null;
        }
        show(Screen.PAYMENT);
    }

    private boolean confirm() {
        if (!endPayment(PaymentStatus.CONFIRMED)) {
            return false;
        }
        print();
        return true;
    }

    /** Journals the payment's outcome; false (and SAVE_FAILED shown) if the journal refused. */
    private boolean endPayment(PaymentStatus status) {
        try {
            journal.append(Event.newBuilder().setPayment(Payment.newBuilder().setAmountVnd(fee)
                    .setMethod(payment != null ? PaymentMethod.QR : PaymentMethod.CASH)
                    .setStatus(status).setReference(code)).build());
        } catch (JournalException e) {
            LOG.error("kiosk: payment {} not saved: {}", status, e.getMessage());
            notSaved(e);
            return false;
        }
        LOG.info("kiosk: payment {}", status);
        paymentConfirmed = status == PaymentStatus.CONFIRMED;
        if (status != PaymentStatus.CONFIRMED) {
            message = status.name();
            show(Screen.PAYMENT_ENDED);
        }
        return true;
    }

    private void print() {
        Long paid = paymentConfirmed ? fee : null;
        String visit = caseType.name();
        String location = department.getLocation();
        LocalDateTime now = LocalDateTime.now(clock);
        Ticket t = new Ticket(String.format(Locale.ROOT, "%04d", queueNumber), code, department.getName(),
                profile.facilityName(), now);
        show(Screen.PRINTING);
        timer.execute(() -> {
            PrintResult result = tickets.print(t); // up to ~2 s: outside the lock, the page keeps polling
            synchronized (this) {
                ticket = new KioskState.TicketView(t.queueNumber(), t.transactionCode(), t.department(),
                        location, visit, paid, TICKET_TIME.format(now),
                        result.printed(), result.printed() ? null : ((PrintResult.PrinterUnavailable) result).reason(),
                        // Printer out: staff scan this instead of a paper ticket. It holds the code and queue only.
                        result.printed() ? null : QrSvg.of(t.transactionCode() + " " + t.queueNumber()));
                show(Screen.TICKET);
            }
        });
    }

    private void reset() {
        message = null;
        caseType = null;
        department = null;
        receptionSeq = 0;
        code = null;
        queueNumber = 0;
        fee = 0;
        payment = null;
        paymentQrSvg = null;
        paymentDeadline = null;
        paymentConfirmed = false;
        ticket = null;
        show(Screen.WELCOME);
    }

    /** A new screen: idle timing starts again from now (a person needs time to read what it says). */
    private void show(Screen next) {
        screen = next;
        lastTouch = clock.instant();
        version++;
    }

    private void expect(Screen... allowed) {
        for (Screen s : allowed) {
            if (screen == s) {
                return;
            }
        }
        throw new FlowException("NOT_ON_SCREEN", "not allowed on " + screen);
    }

    private static String comparable(String text) {
        return text.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    }

    @Override
    public synchronized void close() {
        ticking.cancel(false);
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                // Unsubscribing from an in-memory list does not fail.
            }
        }
    }
}
