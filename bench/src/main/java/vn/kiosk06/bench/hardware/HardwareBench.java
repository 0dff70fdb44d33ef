package vn.kiosk06.bench.hardware;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./kiosk06 bench hardware [--inputs N] [--json]}: feeds random and mutated-valid inputs to every reader
 * parser (CCCD QR, BHYT QR, MRZ, chip frame) and prints inputs, inputs/s and exceptions that escaped a parser
 * (there must be none). The harness itself lives beside the parsers, in the hardware module.
 */
@Command(name = "hardware", mixinStandardHelpOptions = true,
        description = "Fuzz every reader parser (default 1,000,000 inputs each) and print inputs/s and escaped exceptions.")
public final class HardwareBench implements Runnable {

    @Option(names = "--inputs", defaultValue = "1000000", description = "Inputs per parser.")
    long inputs;

    @Option(names = "--seed", defaultValue = "6", description = "Random seed, for a repeatable run.")
    long seed;

    @Option(names = "--json", description = "Print one JSON object: per parser {inputs, inputs_per_s, escaped_exceptions}.")
    boolean json;

    @Override
    public void run() {
        List<String> args = new ArrayList<>(List.of("--inputs", Long.toString(inputs), "--seed", Long.toString(seed)));
        if (json) {
            args.add("--json");
        }
        ParserFuzzBench.main(args.toArray(String[]::new));
    }
}
