package vn.kiosk06.bench.hardware;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import vn.kiosk06.hardware.chip.ChipFrameParser;
import vn.kiosk06.hardware.chip.MrzTd1Parser;
import vn.kiosk06.hardware.qr.BhytQrParser;
import vn.kiosk06.hardware.qr.CccdQrParser;
import vn.kiosk06.hardware.sim.SyntheticPeople;
import vn.kiosk06.hardware.sim.SyntheticPerson;

/**
 * Feeds random and mutated-valid inputs to each parser and prints, per parser, inputs, inputs per second and
 * exceptions that escaped (must be 0).
 *
 * <pre>
 * java -cp kiosk06-hardware-all.jar vn.kiosk06.hardware.bench.ParserFuzzBench [--inputs N] [--json] [--seed S]
 * </pre>
 *
 * Default N = 1,000,000 per parser. With {@code --json} prints exactly one JSON object. Single-threaded.
 */
public final class ParserFuzzBench {
    /** Figures for one parser. */
    record Figures(long inputs, double inputsPerSecond, long escapedExceptions) {
    }

    private ParserFuzzBench() {
    }

    public static void main(String[] args) {
        long inputs = 1_000_000;
        boolean json = false;
        long seed = 20260619L;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--inputs" -> inputs = Long.parseLong(args[++i].replace("_", "").replace(",", ""));
                case "--json" -> json = true;
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("usage: ParserFuzzBench [--inputs N] [--json] [--seed S]");
                    System.exit(2);
                }
            }
        }
        Map<String, Figures> results = run(inputs, seed);
        System.out.println(json ? toJson(results) : toTable(results));
    }

    /** Runs all four parsers. */
    static Map<String, Figures> run(long inputs, long seed) {
        Map<String, Figures> results = new LinkedHashMap<>();
        results.put("cccd_qr", fuzz(inputs, seed, p -> p.cccdQr().getBytes(StandardCharsets.UTF_8),
                b -> CccdQrParser.parse(b)));
        results.put("bhyt_qr", fuzz(inputs, seed + 1, p -> p.bhytQr().getBytes(StandardCharsets.UTF_8),
                b -> BhytQrParser.parse(b)));
        results.put("mrz", fuzz(inputs, seed + 2, p -> p.mrz().getBytes(StandardCharsets.US_ASCII),
                b -> MrzTd1Parser.parse(new String(b, StandardCharsets.ISO_8859_1))));
        results.put("chip_frame", fuzz(inputs, seed + 3, p -> p.chipDataFrame().getBytes(StandardCharsets.UTF_8),
                b -> ChipFrameParser.parse(b)));
        return results;
    }

    private static Figures fuzz(long inputs, long seed, Function<SyntheticPerson, byte[]> valid,
            Function<byte[], Object> parser) {
        Random random = new Random(seed);
        SyntheticPeople people = new SyntheticPeople(random);
        // A pool of valid inputs to mutate, so generating people does not dominate the timing.
        byte[][] pool = new byte[256][];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = valid.apply(people.next());
        }
        long escaped = 0;
        long sink = 0;
        long start = System.nanoTime();
        for (long i = 0; i < inputs; i++) {
            byte[] input = input(random, pool);
            try {
                Object result = parser.apply(input);
                sink += result.hashCode() & 1;
            } catch (RuntimeException | StackOverflowError e) {
                escaped++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (sink == Long.MIN_VALUE) {
            System.out.print(""); // keeps the JIT from discarding parse results
        }
        return new Figures(inputs, inputs / Math.max(seconds, 1e-9), escaped);
    }

    private static byte[] input(Random random, byte[][] pool) {
        int mode = random.nextInt(10);
        if (mode == 0) {
            byte[] garbage = new byte[random.nextInt(random.nextInt(50) == 0 ? 70_000 : 400)];
            random.nextBytes(garbage);
            return garbage;
        }
        byte[] base = pool[random.nextInt(pool.length)];
        if (mode == 1) {
            return base.clone(); // valid input: the happy path costs too
        }
        byte[] mutated = base.clone();
        switch (mode) {
            case 2, 3, 4 -> {
                int flips = 1 + random.nextInt(4);
                for (int f = 0; f < flips; f++) {
                    mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
                }
            }
            case 5, 6 -> {
                byte[] alphabet = "0123456789|<$/ANZ\u0000\n".getBytes(StandardCharsets.US_ASCII);
                int flips = 1 + random.nextInt(3);
                for (int f = 0; f < flips; f++) {
                    mutated[random.nextInt(mutated.length)] = alphabet[random.nextInt(alphabet.length)];
                }
            }
            case 7 -> mutated = java.util.Arrays.copyOf(base, random.nextInt(base.length + 1));
            case 8 -> {
                byte[] longer = java.util.Arrays.copyOf(base, base.length * (2 + random.nextInt(3)));
                for (int k = base.length; k < longer.length; k++) {
                    longer[k] = base[k % base.length];
                }
                mutated = longer;
            }
            default -> {
                int cut = random.nextInt(mutated.length);
                int len = random.nextInt(mutated.length - cut);
                byte[] dropped = new byte[mutated.length - len];
                System.arraycopy(mutated, 0, dropped, 0, cut);
                System.arraycopy(mutated, cut + len, dropped, cut, mutated.length - cut - len);
                mutated = dropped;
            }
        }
        return mutated;
    }

    static String toJson(Map<String, Figures> results) {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, Figures> e : results.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            Figures f = e.getValue();
            sb.append('"').append(e.getKey()).append("\":{\"inputs\":").append(f.inputs())
                    .append(",\"inputs_per_s\":").append(String.format(Locale.ROOT, "%.1f", f.inputsPerSecond()))
                    .append(",\"escaped_exceptions\":").append(f.escapedExceptions()).append('}');
        }
        return sb.append('}').toString();
    }

    static String toTable(Map<String, Figures> results) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-12s %12s %14s %18s%n", "parser", "inputs",
                "inputs/s", "escaped exceptions"));
        results.forEach((name, f) -> sb.append(String.format(Locale.ROOT, "%-12s %12d %14.0f %18d%n", name, f.inputs(),
                f.inputsPerSecond(), f.escapedExceptions())));
        return sb.toString().stripTrailing();
    }
}
