package vn.kiosk06.server.backup;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kiosk06-server backup --data-dir DIR --to FILE}: a consistent copy of a live (or stopped) SQLite store. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Copy the server's SQLite store with SQLite's online backup API, while it runs.")
public final class BackupCommand implements Callable<Integer> {

    @Option(names = "--data-dir", required = true, description = "The server's data directory (holds kiosk06.db).")
    Path dataDir;

    @Option(names = "--to", required = true, description = "The backup file to write (replaced if it exists).")
    Path to;


    @Override
    public Integer call() {
        try {
            StoreBackup.backup(dataDir, to, Progress.onStderr("backup"));
            return 0;
        } catch (BackupException e) {
            System.err.println("kiosk06 backup: " + e.getMessage());
            return 1;
        }
    }
}
