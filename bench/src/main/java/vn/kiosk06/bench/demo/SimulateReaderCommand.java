package vn.kiosk06.bench.demo;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;
import vn.kiosk06.hardware.sim.ReaderSimulator;

/**
 * {@code kiosk06-bench simulate-reader}: the card-reader simulator ({@link ReaderSimulator}) that writes a reader's
 * frames to a serial port (one end of a socat pty pair), for trying a device without a reader. Its options are the
 * simulator's own ({@code --help} prints them).
 */
@Command(name = "simulate-reader", description = "Write card-reader frames to a serial port (e.g. one end of a socat pty pair).")
public final class SimulateReaderCommand implements Runnable {

    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public void run() {
        ReaderSimulator.main(args.toArray(String[]::new));
    }
}
