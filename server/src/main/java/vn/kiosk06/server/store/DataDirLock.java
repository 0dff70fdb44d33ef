package vn.kiosk06.server.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import vn.kiosk06.server.db.StoreException;
import vn.kiosk06.server.files.OwnerOnly;

/**
 * An OS lock on {@code <data-dir>/kiosk06.lock}, held by a running server for its whole life so that tools such as
 * {@code ./kiosk06 restore} can tell the store is live and refuse to replace it. The OS drops the lock when the
 * process dies, so a crash never leaves a stale lock behind. Thread-safe.
 */
public final class DataDirLock implements AutoCloseable {

    /** The lock file's name inside the data directory. */
    public static final String FILE_NAME = "kiosk06.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or throws {@link StoreException} naming the directory if another process (or store) holds it. */
    public static DataDirLock acquire(Path dataDir) {
        return tryAcquire(dataDir).orElseThrow(() -> new StoreException("data directory " + dataDir
                + " is in use by another Kiosk06 server (" + dataDir.resolve(FILE_NAME) + " is locked)", null));
    }

    /** Takes the lock if nobody holds it. */
    public static Optional<DataDirLock> tryAcquire(Path dataDir) {
        FileChannel channel = null;
        try {
            OwnerOnly.directories(dataDir);
            channel = FileChannel.open(OwnerOnly.file(dataDir.resolve(FILE_NAME)), StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(new DataDirLock(channel, lock));
        } catch (OverlappingFileLockException e) {
            // Held by this very JVM (a server started in-process, as tests do).
            closeQuietly(channel);
            return Optional.empty();
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException("cannot lock data directory " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // nothing held, nothing to release
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new StoreException("cannot release data directory lock: " + e.getMessage(), e);
        }
    }
}
