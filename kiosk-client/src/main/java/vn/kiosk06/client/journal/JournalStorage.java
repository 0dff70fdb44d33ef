package vn.kiosk06.client.journal;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * The filesystem the journal lives on, as far as the journal cares: how many bytes it could still take
 * ({@code statvfs}'s available blocks, as {@link FileStore#getUsableSpace()} reports them; what a non-root process may
 * write). On a Pi the SD card is shared with the OS and its logs, so it can fill long before the journal's own limit.
 *
 * <p>Thread-safe.
 */
public final class JournalStorage {

    private final LongSupplier usableBytes;

    private JournalStorage(LongSupplier usableBytes) {
        this.usableBytes = usableBytes;
    }

    /** The filesystem holding {@code dir} (which must exist). */
    public static JournalStorage of(Path dir) {
        try {
            FileStore store = Files.getFileStore(dir);
            return new JournalStorage(() -> {
                try {
                    return store.getUsableSpace();
                } catch (IOException e) {
                    // A filesystem that cannot even be asked is no place for new events.
                    return 0L;
                }
            });
        } catch (IOException e) {
            throw new JournalException("cannot read the free space of " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A filesystem whose free space {@code usableBytes} tells (tests). */
    static JournalStorage reporting(LongSupplier usableBytes) {
        return new JournalStorage(usableBytes);
    }

    /** Bytes still available to the app on the filesystem, now. */
    public long usableBytes() {
        return usableBytes.getAsLong();
    }
}
