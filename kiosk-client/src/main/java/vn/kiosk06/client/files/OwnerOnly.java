package vn.kiosk06.client.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The device's data directory is its own user's only: files 0600, directories 0700, whatever the umask (the mode is
 * given at creation; a umask only takes bits away). A lost handheld's SD card read on another machine is another
 * matter — this keeps other users and services on the device out. Stateless.
 */
public final class OwnerOnly {

    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private OwnerOnly() {
    }

    /** Creates {@code dir} and any missing parents 0700; existing ones keep their modes. */
    public static Path directories(Path dir) throws IOException {
        return Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
    }

    /** Creates {@code file} empty and 0600 if it does not exist, its missing directories 0700. */
    public static Path file(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            directories(parent);
        }
        if (!Files.exists(file)) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            } catch (FileAlreadyExistsException raced) {
                // made by another opener first: the same file
            }
        }
        return file;
    }

    /**
     * An SQLite file, created 0600 before SQLite opens it (SQLite would make it 0644, and gives its {@code -wal} and
     * {@code -shm} the database file's mode); one an older version left open to others is tightened to 0600.
     */
    public static Path database(Path file) throws IOException {
        file(file);
        if (!Files.getPosixFilePermissions(file).equals(FILE)) {
            Files.setPosixFilePermissions(file, FILE);
        }
        return file;
    }
}
