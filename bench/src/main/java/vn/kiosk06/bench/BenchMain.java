package vn.kiosk06.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import vn.kiosk06.bench.device.DeviceBench;
import vn.kiosk06.bench.hardware.HardwareBench;
import vn.kiosk06.bench.report.ReportBench;
import vn.kiosk06.bench.scale.ScaleBench;
import vn.kiosk06.bench.soak.SoakBench;
import vn.kiosk06.bench.sync.SyncBench;

/**
 * {@code ./kiosk06 bench <what>}: benchmark harnesses that print figures from one run on this machine. Each
 * subcommand lives in its own package ({@code sync}, {@code hardware}, {@code report}, {@code scale},
 * {@code device}, {@code soak}).
 */
@Command(name = "kiosk06 bench", mixinStandardHelpOptions = true,
        description = "Benchmark harnesses: print figures from one run on this machine.",
        subcommands = {SyncBench.class, HardwareBench.class, ReportBench.class, ScaleBench.class, DeviceBench.class, SoakBench.class,
                CommandLine.HelpCommand.class})
public final class BenchMain implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }
}
