package vn.kiosk06.server.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and directories only the server's own user may read: data files 0600, directories 0700, whatever the umask
 * (the mode is given at creation, and a umask can only take bits away). The data directory holds the store, keys,
 * org units and logs; outside the Debian packages nothing else sets their modes. Existing files and directories an
 * operator made keep their modes, except where noted. Stateless.
 */
public final class OwnerOnly {

    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private OwnerOnly() {
    }

    /** Creates {@code dir} and any missing parents 0700; existing ones are left as they are. */
    public static Path directories(Path dir) throws IOException {
        return Files.createDirectories(dir, attribute(DIRECTORY));
    }

    /** Creates {@code file} empty and 0600 if it does not exist (its directory 0700 if missing). */
    public static Path file(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            directories(parent);
        }
        if (!Files.exists(file)) {
            try {
                Files.createFile(file, attribute(FILE));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another opener made it first; it is the same file
            }
        }
        return file;
    }

    /**
     * An SQLite database file, created 0600 before SQLite opens it: SQLite would create it 0644 (less the umask), and
     * it gives the {@code -wal} and {@code -shm} files the mode of the database file. A database file of ours that is
     * already open to others (made by an older version) is tightened to 0600.
     */
    public static Path database(Path file) throws IOException {
        file(file);
        if (!Files.getPosixFilePermissions(file).equals(FILE)) {
            Files.setPosixFilePermissions(file, FILE);
        }
        return file;
    }

    /** Writes {@code text} to {@code file} atomically (a sibling written 0600, then renamed over it). */
    public static void write(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        file(tmp);
        Files.writeString(tmp, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Sets {@code file} to 0600 (a file another tool wrote, e.g. a copy). */
    public static void restrict(Path file) throws IOException {
        Files.setPosixFilePermissions(file, FILE);
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }
}
