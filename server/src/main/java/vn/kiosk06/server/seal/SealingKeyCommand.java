package vn.kiosk06.server.seal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import vn.kiosk06.server.config.ConfigFileException;
import vn.kiosk06.server.cli.StoreOptions;

/**
 * {@code kiosk06-server admin sealing-key list|rotate}: the server's key pairs for sealing citizen ids. A rotation (a new
 * campaign, or a private key that may have leaked) adds key N+1 and makes it current; every old key stays, so events
 * sealed to it still open, and the citizen key is unchanged, so a citizen seen before and after counts once. Restart
 * the server(s) afterwards: devices get the new public key at their next handshake.
 */
@Command(name = "sealing-key", mixinStandardHelpOptions = true,
        description = "List or rotate the server's key pairs for sealing citizen ids.",
        subcommands = {SealingKeyCommand.ListKeys.class, SealingKeyCommand.Rotate.class})
public final class SealingKeyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }

    /** Where the keys are: as the server finds them (its --config, or --data-dir, or ./data). */
    static Path keysFile(StoreOptions where) {
        return SealBeans.sealingKeysPath(where.dataDir(), where.configuredPath("kiosk06.server.sealing-keys-file"),
                where.configuredPath("kiosk06.server.citizen-key-file"));
    }

    static int run(CommandLine.Model.CommandSpec spec, StoreOptions where, boolean rotate) {
        PrintWriter out = spec.commandLine().getOut();
        try {
            Path file = keysFile(where);
            SealingKeyRing ring = SealingKeyRing.loadOrCreate(file);
            if (rotate) {
                ring = ring.rotate();
                out.println("key " + ring.current().getKeyId() + " is current; restart the server(s) so devices get it at "
                        + "their next handshake (old keys kept in " + file + ")");
            }
            for (int id : ring.ids()) {
                out.printf("key %d%s  public %s%n", id, id == ring.current().getKeyId() ? " (current)" : "",
                        HexFormat.of().formatHex(ring.publicKey(id).getPublicKey().toByteArray()));
            }
            return 0;
        } catch (KeyFileException | ConfigFileException e) {
            spec.commandLine().getErr().println("kiosk06 admin: " + e.getMessage());
            return 2;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the key pairs (public halves).")
    static final class ListKeys implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @CommandLine.Mixin
        StoreOptions where = new StoreOptions();

        @Override
        public Integer call() {
            return run(spec, where, false);
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Add a key pair and make it current; old keys are kept so late events still open.")
    static final class Rotate implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @CommandLine.Mixin
        StoreOptions where = new StoreOptions();

        @Override
        public Integer call() {
            return run(spec, where, true);
        }
    }
}
