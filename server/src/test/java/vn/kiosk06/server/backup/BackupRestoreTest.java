package vn.kiosk06.server.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.stub.StreamObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.proto.sync.v1.Ack;
import vn.kiosk06.proto.sync.v1.EventBatch;
import vn.kiosk06.proto.sync.v1.SyncServiceGrpc;
import vn.kiosk06.server.RunningServer;
import vn.kiosk06.server.TestEvents;
import vn.kiosk06.server.store.DeviceSummary;
import vn.kiosk06.server.store.SqliteEventStore;

/** Backup of a live store under steady gRPC ingest, and restore into a fresh data directory. */
class BackupRestoreTest {

    static final String DEVICE = "kiosk-pq-01";
    static final int BATCH = 50;

    @TempDir
    Path dir;
    RunningServer server;
    final ExecutorService ingest = Executors.newSingleThreadExecutor();
    final AtomicBoolean stop = new AtomicBoolean();
    final AtomicLong ackedWatermark = new AtomicLong();

    @BeforeEach
    void start() {
        server = new RunningServer(dir.resolve("live"));
    }

    @AfterEach
    void close() throws Exception {
        stop.set(true);
        ingest.shutdown();
        ingest.awaitTermination(30, TimeUnit.SECONDS);
        server.close();
    }

    /** Uploads batches of {@link #BATCH} one at a time, each after the previous one's ack, until told to stop. */
    Future<?> ingestContinuously() {
        return ingest.submit(() -> {
            long next = 1;
            while (!stop.get()) {
                Ack ack = upload(TestEvents.batch(DEVICE, next, next + BATCH - 1));
                ackedWatermark.set(ack.getWatermark());
                next += BATCH;
            }
            return null;
        });
    }

    Ack upload(EventBatch batch) throws Exception {
        CompletableFuture<Ack> acked = new CompletableFuture<>();
        StreamObserver<EventBatch> requests = SyncServiceGrpc.newStub(server.channel())
                .withDeadlineAfter(20, TimeUnit.SECONDS).upload(new StreamObserver<>() {
                    @Override
                    public void onNext(Ack ack) {
                        acked.complete(ack);
                    }

                    @Override
                    public void onError(Throwable t) {
                        acked.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        acked.completeExceptionally(new IllegalStateException("upload ended without an ack"));
                    }
                });
        requests.onNext(batch);
        Ack ack = acked.get(20, TimeUnit.SECONDS);
        requests.onCompleted();
        return ack;
    }

    @Test
    void backupDuringIngest_thenRestore_holdsEveryEventAckedBeforeTheBackupStarted() throws Exception {
        Future<?> running = ingestContinuously();
        await().atMost(Duration.ofSeconds(30)).until(() -> ackedWatermark.get() >= 20 * BATCH);

        long ackedBefore = ackedWatermark.get();
        Path backup = dir.resolve("backups/kiosk06-backup.db");
        StoreBackup.Result result = StoreBackup.backup(dir.resolve("live"), backup, Progress.silent());
        long ackedAfterBackupCall = ackedWatermark.get();
        stop.set(true);
        running.get(30, TimeUnit.SECONDS);

        assertThat(result.pages()).isPositive();
        assertThat(ackedAfterBackupCall).as("ingest went on during the backup").isGreaterThanOrEqualTo(ackedBefore);
        Path fresh = dir.resolve("restored");
        StoreRestore.restore(backup, fresh, Progress.silent());
        try (SqliteEventStore restored = SqliteEventStore.open(fresh)) {
            DeviceSummary device = restored.device(DEVICE).orElseThrow();
            assertThat(device.watermark()).isGreaterThanOrEqualTo(ackedBefore);
            assertThat(device.missing()).isEmpty();
            assertThat(restored.eventTimes(DEVICE)).hasSizeGreaterThanOrEqualTo((int) ackedBefore)
                    .extracting(e -> e.seq()).startsWith(1L, 2L, 3L);
        }
        assertThat(Files.list(backup.getParent())).as("no partial file left").containsExactly(backup);
    }

    @Test
    void restore_intoARunningServersDataDir_isRefusedAndLeavesTheStoreAlone() throws Exception {
        upload(TestEvents.batch(DEVICE, 1, 10));
        Path backup = dir.resolve("b.db");
        StoreBackup.backup(dir.resolve("live"), backup, Progress.silent());

        assertThatThrownBy(() -> StoreRestore.restore(backup, dir.resolve("live"), Progress.silent()))
                .isInstanceOf(BackupException.class)
                .hasMessageContaining("a Kiosk06 server is running on it");
        assertThat(upload(TestEvents.batch(DEVICE, 11, 12)).getWatermark()).isEqualTo(12);
    }

    @Test
    void restore_removesTheOldStoresWriteAheadLog() throws Exception {
        upload(TestEvents.batch(DEVICE, 1, 10));
        Path backup = dir.resolve("b.db");
        StoreBackup.backup(dir.resolve("live"), backup, Progress.silent());
        Path target = dir.resolve("target");
        Files.createDirectories(target);
        Files.write(target.resolve("kiosk06.db-wal"), new byte[] {1, 2, 3});

        StoreRestore.restore(backup, target, Progress.silent());

        assertThat(target.resolve("kiosk06.db-wal")).satisfiesAnyOf(
                p -> assertThat(p).doesNotExist(), p -> assertThat(Files.size(p)).isNotEqualTo(3));
        try (SqliteEventStore restored = SqliteEventStore.open(target)) {
            assertThat(restored.watermark(DEVICE)).isEqualTo(10);
        }
    }

    @Test
    void backup_withoutAStore_saysSo() {
        assertThatThrownBy(() -> StoreBackup.backup(dir.resolve("empty"), dir.resolve("x.db"), Progress.silent()))
                .isInstanceOf(BackupException.class).hasMessageContaining("no store to back up");
    }
}
