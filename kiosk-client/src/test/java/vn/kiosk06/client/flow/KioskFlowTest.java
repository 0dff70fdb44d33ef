package vn.kiosk06.client.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.wire.BootId;
import vn.kiosk06.client.clock.FakeDeviceClock;
import vn.kiosk06.client.eligibility.OfflineInsuranceRules;
import vn.kiosk06.client.hardware.TicketService;
import vn.kiosk06.client.journal.Journal;
import vn.kiosk06.client.journal.JournalFullException;
import vn.kiosk06.client.journal.JournalSettings;
import vn.kiosk06.client.journal.JournaledEvent;
import vn.kiosk06.hardware.identity.CitizenKeyer;
import vn.kiosk06.hardware.identity.CitizenProtector;
import vn.kiosk06.proto.sync.v1.ReaderKind;
import vn.kiosk06.proto.sync.v1.Department;
import vn.kiosk06.proto.sync.v1.DeviceHeartbeat;
import vn.kiosk06.proto.sync.v1.DeviceConfig;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.PaymentStatus;

/** The kiosk flow's timeouts, driven by a clock the test moves (the browser tests cover the screens). */
class KioskFlowTest {

    static final String EXPIRED_CARD = "HS4010120878811";

    @TempDir
    Path dir;
    final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T02:00:00Z"));
    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    Journal journal;
    QueueNumbers queueNumbers;
    DeviceProfile profile;
    KioskFlow flow;

    /** A clock tests move by hand; the flow reads it from its own timer thread too, hence volatile. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("Asia/Ho_Chi_Minh");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void start() {
        journal = Journal.open(dir.resolve("journal.db"), JournalSettings.defaults(),
                new FakeDeviceClock(BootId.of(UUID.randomUUID()), 1_795_000_000_000L, Duration.ofHours(1)));
        queueNumbers = QueueNumbers.open(dir.resolve("flow.db"));
        profile = DeviceProfile.load(dir.resolve("device-config.pb"), "PQ01", Optional.empty());
        profile.onConfig(DeviceConfig.newBuilder().setFacilityName("TTYT Phú Quốc").setFeeVnd(50_000)
                .addDepartments(Department.newBuilder().setCode("NOI").setName("Khám Nội").setLocation("Phòng 105, tầng 1"))
                .build());
        flow = new KioskFlow(journal, profile, new OfflineInsuranceRules(true, Set.of(EXPIRED_CARD), Set.of()),
                queueNumbers, TicketService.none(), CitizenProtector.keyed(new CitizenKeyer(new byte[32])), clock, timer,
                new KioskFlow.Settings("PQ01", Duration.ofSeconds(60), Duration.ofMinutes(5),
                        Optional.of(new KioskFlow.BankAccount("970436", "0071000123456", "Vietcombank", "")), false));
    }

    @AfterEach
    void stop() {
        flow.close();
        timer.shutdownNow();
        queueNumbers.close();
        journal.close();
    }

    void reachPayment() {
        flow.startBhytEntry();
        flow.submitBhyt(EXPIRED_CARD);
        assertThat(flow.state().screen()).isEqualTo("NOT_ELIGIBLE");
        flow.chooseFeePath();
        flow.chooseDepartment("NOI");
        assertThat(flow.state().screen()).isEqualTo("PAYMENT");
    }

    PaymentStatus lastPaymentStatus() {
        return journal.readAfter(0, 100).stream().map(JournaledEvent::parse).filter(Event::hasPayment)
                .reduce((a, b) -> b).orElseThrow().getPayment().getStatus();
    }

    @Test
    void payment_noConfirmationWithinTimeout_isRecordedTimedOutAndSaysSo() {
        reachPayment();

        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        flow.tick();
        assertThat(flow.state().screen()).as("still waiting a second before the deadline").isEqualTo("PAYMENT");

        clock.advance(Duration.ofSeconds(1));
        flow.tick();

        assertThat(flow.state().screen()).isEqualTo("PAYMENT_ENDED");
        assertThat(lastPaymentStatus()).isEqualTo(PaymentStatus.TIMED_OUT);
        assertThat(flow.confirmPayment("PQ01-261123-0001", 50_000)).as("a late webhook confirms nothing").isFalse();
    }

    @Test
    void paymentTimeout_messageStaysAtLeastTenSeconds_thenWelcome() {
        reachPayment();
        clock.advance(Duration.ofMinutes(5)); // untouched since the department was chosen: past the 60 s idle timeout
        flow.tick();
        assertThat(flow.state().screen()).isEqualTo("PAYMENT_ENDED");
        assertThat(flow.state().message()).isEqualTo("TIMED_OUT");

        flow.tick(); // the very next tick used to count idle time from the last touch before payment
        clock.advance(Duration.ofSeconds(10).minusMillis(1));
        flow.tick();
        assertThat(flow.state().screen()).as("the timeout message is still there to read").isEqualTo("PAYMENT_ENDED");

        clock.advance(Duration.ofSeconds(60));
        flow.tick();
        assertThat(flow.state().screen()).isEqualTo("WELCOME");
    }

    @Test
    void ticketSaysWhereToGoAndThatThePatientPaid() throws Exception {
        reachPayment();
        assertThat(flow.state().payee()).isEqualTo(new KioskState.Payee("TTYT Phú Quốc", "Vietcombank", "0071000123456"));
        assertThat(flow.confirmPayment("CK " + flow.state().paymentNote(), 50_000)).isTrue();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> flow.state().screen().equals("TICKET"));

        KioskState.TicketView t = flow.state().ticket();
        assertThat(t.location()).isEqualTo("Phòng 105, tầng 1");
        assertThat(t.caseType()).isEqualTo("FEE");
        assertThat(t.paidVnd()).isEqualTo(50_000L);
        assertThat(t.printed()).isFalse();
        assertThat(t.qrSvg()).as("no printer: a QR of the ticket for staff").contains("<svg");
    }

    @Test
    void fullJournal_saysGoToReceptionNotTryAgain_andStaysOnTheScreen() {
        List<CompletableFuture<Long>> appends = new ArrayList<>();
        try (Journal small = Journal.open(dir.resolve("small.db"), new JournalSettings(1 << 20, Duration.ofDays(7),
                JournalSettings.defaults().maxGroup()), new FakeDeviceClock(BootId.of(UUID.randomUUID()),
                1_795_000_000_000L, Duration.ofHours(1)));
             KioskFlow full = new KioskFlow(small, profile, new OfflineInsuranceRules(true, Set.of(), Set.of()),
                     queueNumbers, TicketService.none(), CitizenProtector.keyed(new CitizenKeyer(new byte[32])), clock, timer,
                     new KioskFlow.Settings("PQ01", Duration.ofSeconds(60), Duration.ofMinutes(5), Optional.empty(), false))) {
            // Nothing syncs here: fill the 1 MiB with events waiting for the server, in ever smaller groups, until
            // even a single event no longer fits.
            for (int group : new int[] {500, 50, 1}) {
                boolean refused = false;
                while (!refused) {
                    appends.clear();
                    for (int i = 0; i < group; i++) {
                        appends.add(small.appendAsync(Event.newBuilder().setHeartbeat(DeviceHeartbeat.newBuilder()
                                .setAppVersion("filler-" + "x".repeat(24))).build()));
                    }
                    for (CompletableFuture<Long> f : appends) {
                        refused |= f.handle((seq, e) -> e != null && Journal.unwrap(e) instanceof JournalFullException).join();
                    }
                }
            }

            full.startBhytEntry();
            full.submitBhyt("0123456789");

            assertThat(full.state().screen()).isEqualTo("BHYT_ENTRY");
            assertThat(full.state().message()).isEqualTo("JOURNAL_FULL");
        }
    }

    @Test
    void payment_confirmedBeforeTimeout_isNotTimedOutLater() {
        reachPayment();
        String code = flow.state().paymentNote();

        assertThat(flow.confirmPayment("CK " + code, 50_000)).isTrue();
        clock.advance(Duration.ofMinutes(10));
        flow.tick();

        assertThat(lastPaymentStatus()).isEqualTo(PaymentStatus.CONFIRMED);
        assertThat(journal.readAfter(0, 100).stream().map(JournaledEvent::parse).filter(Event::hasPayment)).hasSize(1);
    }

    @Test
    void typedBhytNumber_isJournaledAsAManualReadWithAKeyAndNoNumber() {
        flow.startBhytEntry();
        flow.submitBhyt(EXPIRED_CARD);

        Event read = journal.readAfter(0, 10).get(0).parse();
        assertThat(read.getCardRead().getReaderKind()).isEqualTo(ReaderKind.READER_MANUAL);
        assertThat(read.getCardRead().getCitizenKey().size()).isEqualTo(16);
        assertThat(new String(journal.readAfter(0, 10).get(0).body(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("0120878811");
    }

    @Test
    void idle_onDepartmentScreen_returnsToWelcomeWithoutWritingAnything() {
        flow.startBhytEntry();
        flow.submitBhyt(EXPIRED_CARD);
        flow.chooseFeePath();
        long before = journal.lastSeq();

        clock.advance(Duration.ofSeconds(61));
        flow.tick();

        assertThat(flow.state().screen()).isEqualTo("WELCOME");
        assertThat(journal.lastSeq()).isEqualTo(before);
    }
}
