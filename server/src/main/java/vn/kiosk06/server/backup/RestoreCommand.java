package vn.kiosk06.server.backup;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.kiosk06.server.db.StoreException;

/** {@code kiosk06-server restore --data-dir DIR --from FILE}: puts a backup back; refuses while a server runs on DIR. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Replace the server's SQLite store with a backup (the server must be stopped).")
public final class RestoreCommand implements Callable<Integer> {

    @Option(names = "--data-dir", required = true, description = "The server's data directory.")
    Path dataDir;

    @Option(names = "--from", required = true, description = "A backup made by ./kiosk06 backup.")
    Path from;


    @Override
    public Integer call() {
        try {
            StoreRestore.restore(from, dataDir, Progress.onStderr("restore"));
            return 0;
        } catch (BackupException | StoreException e) {
            System.err.println("kiosk06 restore: " + e.getMessage());
            return 1;
        }
    }
}
