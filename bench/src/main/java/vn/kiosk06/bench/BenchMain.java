package vn.kiosk06.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import vn.kiosk06.bench.demo.DemoCommand;
import vn.kiosk06.bench.demo.SimulateReaderCommand;
import vn.kiosk06.bench.device.DeviceBench;
import vn.kiosk06.bench.hardware.HardwareBench;
import vn.kiosk06.bench.report.ReportBench;
import vn.kiosk06.bench.scale.ScaleBench;
import vn.kiosk06.bench.soak.SoakBench;
import vn.kiosk06.bench.simulate.SimulateCommand;
import vn.kiosk06.bench.sync.SyncBench;

/**
 * {@code java -jar kiosk06-bench.jar}: the bench jar's one command tree. Benchmark harnesses that print figures from
 * one run on this machine, the load generator ({@code simulate}) and the demo ({@code demo}), each in its own package
 * ({@code sync}, {@code hardware}, {@code report}, {@code scale}, {@code device}, {@code soak}, {@code simulate},
 * {@code demo}). The launcher passes the built jars' paths as system properties ({@code kiosk06.server.jar} …).
 */
@Command(name = "kiosk06-bench", mixinStandardHelpOptions = true,
        description = {"Benchmark harnesses (print figures from one run on this machine), the load generator and the demo.",
            "Every command has --help."},
        subcommands = {SyncBench.class, HardwareBench.class, ReportBench.class, ScaleBench.class, DeviceBench.class, SoakBench.class,
                SimulateCommand.class, SimulateReaderCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class BenchMain implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).setExecutionExceptionHandler(SimulateCommand::badArgument).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }
}
