package vn.kiosk06.bench.soak;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The device's disk in the soak, one that can be filled and freed on demand: a small tmpfs mounted for the run when
 * this process may mount (root), as a Pi's SD card shared with logs and the OS fills up; otherwise a directory on the
 * work disk, with the device's free-space reserve ({@code journal-min-free-mb}) set just below what is free now, so a
 * filler file of a modest size crosses it. Filling writes real blocks (a sparse file would take no space).
 */
final class SoakDisk implements AutoCloseable {

    private static final long MIB = 1 << 20;
    /** Size of the tmpfs, and the reserve the device keeps on it. */
    static final int TMPFS_MIB = 48;
    static final int TMPFS_RESERVE_MIB = 8;
    /** Without tmpfs: the reserve sits this far below the free space at the start. */
    private static final int SHARED_MARGIN_MIB = 96;

    private final Path dir;
    private final boolean tmpfs;
    private final int minFreeMib;
    private final Path filler;

    private SoakDisk(Path dir, boolean tmpfs, int minFreeMib) {
        this.dir = dir;
        this.tmpfs = tmpfs;
        this.minFreeMib = minFreeMib;
        this.filler = dir.resolve("filler.bin");
    }

    /** A tmpfs at {@code dir} if it can be mounted, else {@code dir} itself on the work disk. */
    static SoakDisk at(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        if (run(List.of("mount", "-t", "tmpfs", "-o", "size=" + TMPFS_MIB + "m,mode=0700", "tmpfs", dir.toString()))) {
            return new SoakDisk(dir, true, TMPFS_RESERVE_MIB);
        }
        long freeMib = Files.getFileStore(dir).getUsableSpace() / MIB;
        return new SoakDisk(dir, false, (int) Math.max(1, freeMib - SHARED_MARGIN_MIB));
    }

    Path dir() {
        return dir;
    }

    /** What the device's {@code journal-min-free-mb} is set to. */
    int minFreeMib() {
        return minFreeMib;
    }

    String describe() {
        return tmpfs ? String.format("a %d MiB tmpfs, reserve %d MiB", TMPFS_MIB, minFreeMib)
                : String.format("the work disk (no tmpfs: not root), reserve %d MiB just below its free space", minFreeMib);
    }

    /** Writes a filler until the free space is 2 MiB below the reserve: the device must refuse new events. */
    void fill() throws IOException {
        long target = (minFreeMib - 2L) * MIB;
        byte[] block = new byte[(int) MIB];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (Files.getFileStore(dir).getUsableSpace() > target) {
                out.write(block);
                out.flush();
            }
        } catch (IOException e) {
            if (Files.getFileStore(dir).getUsableSpace() > target) {
                throw e; // full is what we wanted; anything else is not
            }
        }
    }

    /** Deletes the filler: the space comes back. */
    void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    long freeBytes() throws IOException {
        return Files.getFileStore(dir).getUsableSpace();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        free();
        if (tmpfs) {
            run(List.of("umount", "-l", dir.toString()));
        }
    }

    private static boolean run(List<String> command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
