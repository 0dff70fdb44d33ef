package vn.kiosk06.server.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.Optional;
import vn.kiosk06.server.files.OwnerOnly;
import vn.kiosk06.server.store.DataDirLock;
import vn.kiosk06.server.store.SqliteEventStore;

/**
 * Puts a backup made by {@link StoreBackup} back as the store of a data directory. Refuses while a server holds the
 * directory ({@link DataDirLock}), and holds that lock itself meanwhile so a server cannot start halfway. The old
 * store's {@code -wal} and {@code -shm} files are removed: left behind, SQLite would replay the old WAL onto the
 * restored file. The restored store is then opened once, which runs any schema migrations the backup predates.
 */
public final class StoreRestore {

    private StoreRestore() {
    }

    /** Restores {@code backup} into {@code dataDir}; returns the restored store's page count. */
    public static long restore(Path backup, Path dataDir, Progress progress) {
        if (!Files.isRegularFile(backup)) {
            throw new BackupException("no backup at " + backup, null);
        }
        Optional<DataDirLock> held = DataDirLock.tryAcquire(dataDir);
        if (held.isEmpty()) {
            throw new BackupException("refusing to restore into " + dataDir + ": a Kiosk06 server is running on it "
                    + "(stop it first, e.g. systemctl stop kiosk06-server)", null);
        }
        Path db = dataDir.resolve("kiosk06.db");
        Path incoming = dataDir.resolve("kiosk06.db.restoring");
        try (DataDirLock lock = held.get()) {
            progress.update(0, 1, "files");
            Files.copy(backup, incoming, StandardCopyOption.REPLACE_EXISTING);
            OwnerOnly.restrict(incoming);
            long pages = StoreBackup.check(incoming);
            Files.deleteIfExists(dataDir.resolve("kiosk06.db-wal"));
            Files.deleteIfExists(dataDir.resolve("kiosk06.db-shm"));
            Files.move(incoming, db, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            SqliteEventStore.open(dataDir).close(); // migrates a backup taken before a schema change
            progress.done("restored " + pages + " pages from " + backup + " into " + db);
            return pages;
        } catch (SQLException | IOException e) {
            StoreBackup.deleteQuietly(incoming);
            throw new BackupException("cannot restore " + backup + " into " + dataDir + ": " + e.getMessage(), e);
        }
    }
}
