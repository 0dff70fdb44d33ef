package vn.kiosk06.hardware.sim;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import vn.kiosk06.hardware.DeviceUnavailableException;
import vn.kiosk06.hardware.reader.ReaderProfile;
import vn.kiosk06.hardware.serial.Framing;
import vn.kiosk06.hardware.serial.SerialLine;
import vn.kiosk06.hardware.serial.SerialPortConfig;

/**
 * Plays a QR scanner or chip reader: writes frames to a serial port from a script (format in hardware/README.md).
 *
 * <pre>
 * java -cp kiosk06-hardware-all.jar vn.kiosk06.hardware.sim.ReaderSimulator \
 *     --port /tmp/ttySIM [--script FILE] [--framing line|stx-etx] [--profile qr|chip] [--seed N] [--baud N]
 * </pre>
 *
 * Without {@code --script} a short demo for the profile is played. Not thread-safe; one run per instance.
 */
public final class ReaderSimulator {
    private final Framing framing;
    private final ReaderProfile profile;
    private final SyntheticPeople people;
    private final Random random;
    private final Consumer<byte[]> out;
    private final LongConsumer waiter;
    private final PrintStream report;

    /**
     * @param out    receives each write (framed bytes)
     * @param waiter pauses for the given milliseconds ({@code wait} command)
     * @param report one human-readable line per command
     */
    public ReaderSimulator(Framing framing, ReaderProfile profile, Random random, Consumer<byte[]> out,
            LongConsumer waiter, PrintStream report) {
        this.framing = Objects.requireNonNull(framing, "framing");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.random = Objects.requireNonNull(random, "random");
        this.people = new SyntheticPeople(random);
        this.out = Objects.requireNonNull(out, "out");
        this.waiter = Objects.requireNonNull(waiter, "waiter");
        this.report = Objects.requireNonNull(report, "report");
    }

    /** The demo played when no script is given. */
    public static List<String> demoScript(ReaderProfile profile) {
        return profile == ReaderProfile.QR
                ? List.of("qr-cccd 2", "wait 500", "qr-bhyt", "wait 500", "corrupt", "wait 500", "qr-cccd")
                : List.of("chip 2", "wait 500", "chip-error BAC_FAILED", "wait 500", "corrupt", "wait 500", "chip");
    }

    /**
     * Runs a script.
     *
     * @return number of frames written
     * @throws IllegalArgumentException naming the line for an unknown command or bad argument
     */
    public int run(List<String> script) {
        int frames = 0;
        int lineNo = 0;
        for (String raw : script) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            String command = parts[0].toLowerCase(Locale.ROOT);
            String arg = parts.length > 1 ? parts[1] : "";
            try {
                frames += execute(command, arg);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("script line " + lineNo + " \"" + line + "\": " + e.getMessage(), e);
            }
        }
        return frames;
    }

    private int execute(String command, String arg) {
        switch (command) {
            case "qr-cccd" -> {
                int n = count(arg);
                for (int i = 0; i < n; i++) {
                    SyntheticPerson p = people.next();
                    frame(p.cccdQr());
                    report.println("qr-cccd  " + p.idNumber() + " " + p.fullName());
                }
                return n;
            }
            case "qr-bhyt" -> {
                int n = count(arg);
                for (int i = 0; i < n; i++) {
                    SyntheticPerson p = people.next();
                    frame(p.bhytQr());
                    report.println("qr-bhyt  " + p.bhytNumber() + " " + p.fullName());
                }
                return n;
            }
            case "chip" -> {
                int n = count(arg);
                for (int i = 0; i < n; i++) {
                    SyntheticPerson p = people.next();
                    frame("CARD_PRESENT");
                    frame(p.chipDataFrame());
                    frame("CARD_REMOVED");
                    report.println("chip     " + p.idNumber() + " " + p.fullName());
                }
                return 3 * n;
            }
            case "chip-error" -> {
                String code = arg.isBlank() ? "READ_FAILED" : arg.strip();
                frame("ERROR|" + code);
                report.println("chip-error " + code);
                return 1;
            }
            case "corrupt" -> {
                int n = count(arg);
                for (int i = 0; i < n; i++) {
                    String kind = corrupt();
                    report.println("corrupt  " + kind);
                }
                return n;
            }
            case "wait" -> {
                long ms = parseLong(arg);
                if (ms < 0 || ms > 600_000) {
                    throw new IllegalArgumentException("wait must be 0..600000 ms, was " + ms);
                }
                waiter.accept(ms);
                return 0;
            }
            case "raw" -> {
                out.accept(framed(unescape(arg)));
                report.println("raw      " + arg);
                return 1;
            }
            case "unframed" -> {
                out.accept(unescape(arg));
                report.println("unframed " + arg);
                return 0;
            }
            default -> throw new IllegalArgumentException(
                    "unknown command; expected qr-cccd, qr-bhyt, chip, chip-error, corrupt, wait, raw or unframed");
        }
    }

    /** Writes one corrupt frame suited to the profile; returns what kind. */
    private String corrupt() {
        SyntheticPerson p = people.next();
        int kind = random.nextInt(4);
        switch (kind) {
            case 0 -> {
                byte[] garbage = new byte[1 + random.nextInt(200)];
                random.nextBytes(garbage);
                for (int i = 0; i < garbage.length; i++) {
                    // Keep delimiters out so the garbage stays one frame.
                    if (garbage[i] == '\n' || garbage[i] == '\r' || garbage[i] == 0x02 || garbage[i] == 0x03) {
                        garbage[i] = '?';
                    }
                }
                out.accept(framed(garbage));
                return "random bytes";
            }
            case 1 -> {
                if (profile == ReaderProfile.QR) {
                    frame(p.cccdQr().replaceFirst("^\\d{12}", "12345"));
                    return "cccd with short id";
                }
                String f = p.chipDataFrame();
                int check = "DATA|".length() + 14;
                char c = f.charAt(check);
                frame(f.substring(0, check) + (c == '9' ? '0' : (char) (c + 1)) + f.substring(check + 1));
                return "mrz with wrong check digit";
            }
            case 2 -> {
                if (profile == ReaderProfile.QR) {
                    // ID, old ID and name only: the scanner lost the rest.
                    String[] fields = p.cccdQr().split("\\|");
                    frame(fields[0] + "|" + fields[1] + "|" + fields[2]);
                } else {
                    String text = p.chipDataFrame();
                    frame(text.substring(0, text.length() / 2));
                }
                return "truncated";
            }
            default -> {
                byte[] utf8 = (profile == ReaderProfile.QR ? p.bhytQr() : p.chipDataFrame())
                        .getBytes(StandardCharsets.UTF_8);
                utf8[utf8.length / 2] = (byte) 0xFF;
                out.accept(framed(utf8));
                return "invalid utf-8";
            }
        }
    }

    private void frame(String text) {
        out.accept(framed(text.getBytes(StandardCharsets.UTF_8)));
    }

    private byte[] framed(byte[] payload) {
        byte[] result = new byte[payload.length + 2];
        if (framing == Framing.LINE) {
            System.arraycopy(payload, 0, result, 0, payload.length);
            result[payload.length] = '\r';
            result[payload.length + 1] = '\n';
        } else {
            result[0] = 0x02;
            System.arraycopy(payload, 0, result, 1, payload.length);
            result[payload.length + 1] = 0x03;
        }
        return result;
    }

    private static int count(String arg) {
        if (arg.isBlank()) {
            return 1;
        }
        long n = parseLong(arg);
        if (n < 1 || n > 100_000) {
            throw new IllegalArgumentException("count must be 1..100000, was " + n);
        }
        return (int) n;
    }

    private static long parseLong(String arg) {
        try {
            return Long.parseLong(arg.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a number, was \"" + arg + "\"");
        }
    }

    /** UTF-8 of {@code text} with escapes {@code \r \n \t \\ \xHH} (so a script can send control bytes). */
    static byte[] unescape(String text) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        StringBuilder plain = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 >= text.length()) {
                plain.append(c);
                continue;
            }
            bytes.writeBytes(plain.toString().getBytes(StandardCharsets.UTF_8));
            plain.setLength(0);
            char e = text.charAt(++i);
            switch (e) {
                case 'r' -> bytes.write('\r');
                case 'n' -> bytes.write('\n');
                case 't' -> bytes.write('\t');
                case '\\' -> bytes.write('\\');
                case 'x' -> {
                    if (i + 2 >= text.length()) {
                        throw new IllegalArgumentException("\\x needs two hex digits");
                    }
                    bytes.write(HexFormat.fromHexDigits(text, i + 1, i + 3));
                    i += 2;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + e);
            }
        }
        bytes.writeBytes(plain.toString().getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    /** Command-line entry point. Exit code 0 on success, 2 on bad arguments, 1 if the port is unavailable. */
    public static void main(String[] args) {
        String port = null;
        Path script = null;
        Framing framing = Framing.LINE;
        ReaderProfile profile = ReaderProfile.QR;
        long seed = System.nanoTime();
        int baud = 9600;
        try {
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--port" -> port = require(args[i], value);
                    case "--script" -> script = Path.of(require(args[i], value));
                    case "--framing" -> framing = Framing.parse(require(args[i], value));
                    case "--profile" -> profile = ReaderProfile.parse(require(args[i], value));
                    case "--seed" -> seed = Long.parseLong(require(args[i], value));
                    case "--baud" -> baud = Integer.parseInt(require(args[i], value));
                    case "--help", "-h" -> {
                        usage(System.out);
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            if (port == null) {
                throw new IllegalArgumentException("--port is required");
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            usage(System.err);
            System.exit(2);
            return;
        }
        List<String> lines;
        try {
            lines = script == null ? demoScript(profile) : Files.readAllLines(script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("cannot read script " + script + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        SerialPortConfig config = SerialPortConfig.of(port, framing).withBaudRate(baud);
        try (SerialLine line = SerialLine.open(config)) {
            ReaderSimulator sim = new ReaderSimulator(framing, profile, new Random(seed), bytes -> {
                line.write(bytes);
                line.awaitOutputDrained(Duration.ofSeconds(5));
            }, ReaderSimulator::pause, System.out);
            int frames = sim.run(lines);
            // Closing a pty flushes what the other side (socat) has not read yet; give it a moment to drain.
            pause(300);
            System.out.println("sent " + frames + " frames to " + port);
        } catch (DeviceUnavailableException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    private static void pause(long ms) {
        try {
            // A simulator's job is to keep the device's pace; sleeping its own main thread is the point here.
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private static void usage(PrintStream to) {
        to.println("usage: ReaderSimulator --port PATH [--script FILE] [--framing line|stx-etx] [--profile qr|chip]"
                + " [--seed N] [--baud N]");
    }
}
