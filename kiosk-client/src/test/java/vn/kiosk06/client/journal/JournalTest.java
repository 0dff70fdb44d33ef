package vn.kiosk06.client.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.wire.BootId;
import vn.kiosk06.client.clock.FakeDeviceClock;
import vn.kiosk06.proto.sync.v1.CaseType;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.Payment;
import vn.kiosk06.proto.sync.v1.PaymentMethod;
import vn.kiosk06.proto.sync.v1.PaymentStatus;
import vn.kiosk06.proto.sync.v1.Reception;

class JournalTest {

    @TempDir
    Path dir;
    final FakeDeviceClock clock = new FakeDeviceClock(BootId.of(UUID.randomUUID()), 1_781_000_000_000L, Duration.ofMinutes(3));
    final List<Journal> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(Journal::close);
    }

    Journal open(JournalSettings settings) {
        Journal j = Journal.open(dir.resolve("journal.db"), settings, clock);
        opened.add(j);
        return j;
    }

    static Event payment(long amount) {
        return Event.newBuilder().setPayment(Payment.newBuilder().setAmountVnd(amount).setMethod(PaymentMethod.QR)
                .setStatus(PaymentStatus.CONFIRMED).setReference("T" + amount)).build();
    }

    static Event reception() {
        return Event.newBuilder().setReception(Reception.newBuilder().setCaseType(CaseType.BHYT).setDepartment("NOI")).build();
    }

    @Test
    void append_eightConcurrentAppenders_seqsAreDenseAndUnique() throws Exception {
        Journal journal = open(JournalSettings.defaults());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<List<Long>>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
                List<Long> seqs = new ArrayList<>();
                for (int i = 0; i < 250; i++) {
                    seqs.add(journal.append(payment(thread * 1000L + i)));
                }
                return seqs;
            }));
        }
        Set<Long> all = new HashSet<>();
        for (Future<List<Long>> f : results) {
            all.addAll(f.get());
        }
        pool.shutdown();

        assertThat(all).hasSize(2000);
        assertThat(all).allMatch(s -> s >= 1 && s <= 2000);
        assertThat(journal.lastSeq()).isEqualTo(2000);
        assertThat(journal.readAfter(0, 5000)).extracting(JournaledEvent::seq).isSorted().hasSize(2000);
    }

    @Test
    void append_stampsEnvelopeFromDeviceClock_andSeqInsideTheBody() {
        Journal journal = open(JournalSettings.defaults());

        long seq = journal.append(reception());

        Event stored = journal.read(seq).orElseThrow().parse();
        assertThat(stored.getSeq()).isEqualTo(seq);
        assertThat(stored.getSchemaVersion()).isEqualTo(1);
        assertThat(stored.getWallTimeMs()).isEqualTo(1_781_000_000_000L);
        assertThat(stored.getMonotonicNanos()).isEqualTo(Duration.ofMinutes(3).toNanos());
        assertThat(stored.getBootId().toByteArray()).isEqualTo(clock.bootId().toBytes());
    }

    @Test
    void reopen_afterClose_keepsEventsAndContinuesSeq() {
        Journal first = open(JournalSettings.defaults());
        for (int i = 0; i < 10; i++) {
            first.append(reception());
        }
        first.markAcked(4);
        first.close();

        Journal again = open(JournalSettings.defaults());

        assertThat(again.lastSeq()).isEqualTo(10);
        assertThat(again.ackedThrough()).isEqualTo(4);
        assertThat(again.backlog()).isEqualTo(6);
        assertThat(again.append(reception())).isEqualTo(11);
    }

    @Test
    void append_invalidEvent_isRefusedWithReasonAndTakesNoSeq() {
        Journal journal = open(JournalSettings.defaults());

        assertThatThrownBy(() -> journal.append(payment(-5)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("payment.amount_vnd must be ≥ 0, was -5");
        assertThatThrownBy(() -> journal.append(Event.getDefaultInstance()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("event has no payload");
        assertThat(journal.append(reception())).isEqualTo(1);
    }

    @Test
    void append_idNumberInFreeText_isRefused() {
        Journal journal = open(JournalSettings.defaults());
        Event leaky = Event.newBuilder().setReception(Reception.newBuilder().setCaseType(CaseType.FEE)
                .setDepartment("NOI 079203001234")).build();

        assertThatThrownBy(() -> journal.append(leaky))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("looks like a personal ID number");
    }

    @Test
    void append_whenDiskLimitReached_failsClearlyAndDropsNothing_thenResumesAfterAck() {
        Journal journal = open(new JournalSettings(1 << 20, Duration.ofDays(7), 64));
        long accepted = 0;
        JournalFullException full = null;
        while (full == null && accepted < 100_000) {
            try {
                CompletableFuture<?>[] burst = new CompletableFuture<?>[64];
                for (int i = 0; i < burst.length; i++) {
                    burst[i] = journal.appendAsync(payment(accepted + i));
                }
                CompletableFuture.allOf(burst).join();
                accepted += burst.length;
            } catch (java.util.concurrent.CompletionException e) {
                assertThat(e.getCause()).isInstanceOf(JournalFullException.class);
                full = (JournalFullException) e.getCause();
            }
        }
        long committed = journal.lastSeq();

        assertThat(full).isNotNull();
        assertThat(full.getMessage()).startsWith("journal is full: ").contains("events waiting for the server")
                .contains("nothing logged was dropped");
        assertThat(journal.readAfter(0, 1_000_000)).hasSize((int) committed);

        journal.markAcked(committed);
        long next = journal.append(payment(1));

        assertThat(next).isEqualTo(committed + 1);
        assertThat(journal.readAfter(0, 1_000_000)).extracting(JournaledEvent::seq).containsExactly(next);
    }

    @Test
    void purgeExpired_deletesOnlyAckedEventsOlderThanRetention() {
        Journal journal = open(new JournalSettings(64 << 20, Duration.ofDays(7), 64));
        for (int i = 0; i < 20; i++) {
            journal.append(reception());
        }
        journal.markAcked(12);

        assertThat(journal.purgeExpired()).as("acked just now: kept for the retention period").isZero();

        clock.advance(Duration.ofDays(8));
        assertThat(journal.purgeExpired()).isEqualTo(12);
        assertThat(journal.readAfter(0, 100)).extracting(JournaledEvent::seq).first().isEqualTo(13L);
        assertThat(journal.backlog()).isEqualTo(8);
    }

    @Test
    void markAcked_beyondLastSeq_isCappedAtLastSeq() {
        Journal journal = open(JournalSettings.defaults());
        journal.append(reception());

        journal.markAcked(99);

        assertThat(journal.ackedThrough()).isEqualTo(1);
        assertThat(journal.backlog()).isZero();
    }
}
