package vn.kiosk06.server.enroll;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import vn.kiosk06.server.orgunit.OrgUnitTree;
import vn.kiosk06.wire.EventRules;

/**
 * A batch of devices to register, read from CSV ({@code ./kiosk06 admin device add --csv FILE}): a header
 * {@code device_id,unit} (or {@code id,unit}), then one device per line. The whole file is checked before anything is
 * registered, and a file with any problem — a malformed id, a unit not in the org-unit tree, an id twice in the file,
 * a device already enrolled or revoked — is refused with every problem and its line, so the admin fixes the file in
 * one go and nothing half-registered is left behind. A device registered earlier whose code was not yet used (or
 * expired) gets a new code: re-running the file after a lost print-out is the expected repair. Stateless.
 */
public final class DeviceCsvImport {

    /** The header line, as written back in the codes file's first two columns. */
    public static final String HEADER = "device_id,unit";
    private static final Set<String> HEADERS = Set.of(HEADER, "id,unit");
    /** Refused above this: a file this large is a mistake, not a district (and its codes would fill a book). */
    public static final int MAX_DEVICES = 100_000;

    private static final CSVFormat READ_FORMAT = CSVFormat.RFC4180.builder()
            .setCommentMarker('#').setIgnoreEmptyLines(true).setIgnoreSurroundingSpaces(true).get();
    private static final CSVFormat WRITE_FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

    private DeviceCsvImport() {
    }

    /** One device of the file and the line it is on. */
    public record Row(int line, String deviceId, String unitCode) {
        DeviceRegistry.NewDevice device() {
            return new DeviceRegistry.NewDevice(deviceId, unitCode);
        }
    }

    /** A device registered from the file, with the code to hand to its technician. */
    public record Registered(String deviceId, String unitCode, IssuedCode issued) {
    }

    /**
     * Reads and checks {@code text}.
     *
     * @param source   names the file in the message
     * @param units    the org-unit tree every unit must be in
     * @param existing looks a device up in the registry (to refuse one already enrolled or revoked)
     * @return the devices, in file order (at least one)
     * @throws EnrollmentException (INVALID) listing every problem with its line; nothing is registered then
     */
    public static List<Row> parse(String text, String source, OrgUnitTree units,
                                  Function<String, Optional<RegisteredDevice>> existing) {
        List<String> problems = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        int[] lineStarts = lineStarts(text);
        boolean headerSeen = false;
        try (CSVParser csv = READ_FORMAT.parse(new StringReader(text))) {
            for (CSVRecord record : csv) {
                int line = lineOf(lineStarts, record.getCharacterPosition());
                List<String> fields = record.toList();
                if (fields.stream().allMatch(String::isBlank)) {
                    continue;
                }
                if (!headerSeen) {
                    headerSeen = true;
                    String header = String.join(",", fields).strip().toLowerCase(Locale.ROOT);
                    if (!HEADERS.contains(header)) {
                        problems.add("line " + line + ": the header must be \"" + HEADER + "\", was \""
                                + String.join(",", fields) + "\"");
                        break;
                    }
                    continue;
                }
                if (rows.size() + problems.size() >= MAX_DEVICES) {
                    problems.add("line " + line + ": more than " + MAX_DEVICES + " devices in one file; split it");
                    break;
                }
                check(line, fields, units, existing, firstLine, problems).ifPresent(rows::add);
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // Commons CSV reports a quote left open as an exception naming the position.
            problems.add("not valid CSV: " + e.getMessage());
        }
        if (!headerSeen && problems.isEmpty()) {
            problems.add("no header line \"" + HEADER + "\" (the file is empty)");
        } else if (rows.isEmpty() && problems.isEmpty()) {
            problems.add("no devices after the header");
        }
        if (!problems.isEmpty()) {
            throw new EnrollmentException(EnrollmentException.Reason.INVALID, source + ": " + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems") + ", nothing registered:\n  "
                    + String.join("\n  ", problems));
        }
        return rows;
    }

    private static Optional<Row> check(int line, List<String> fields, OrgUnitTree units,
                                       Function<String, Optional<RegisteredDevice>> existing,
                                       Map<String, Integer> firstLine, List<String> problems) {
        if (fields.size() != 2) {
            problems.add("line " + line + ": expected 2 fields (" + HEADER + "), found " + fields.size());
            return Optional.empty();
        }
        String id = fields.get(0);
        String unit = fields.get(1);
        int before = problems.size();
        EventRules.checkDeviceId(id).ifPresent(p -> problems.add("line " + line + ": " + p));
        if (units.find(unit).isEmpty()) {
            problems.add("line " + line + ": unit '" + printable(unit) + "' is not in the org-unit tree "
                    + "(./kiosk06 admin units export lists it)");
        }
        Integer seen = firstLine.putIfAbsent(id, line);
        if (seen != null) {
            problems.add("line " + line + ": device '" + printable(id) + "' is already on line " + seen);
        }
        if (problems.size() == before) {
            Optional<RegisteredDevice> known = existing.apply(id);
            if (known.isPresent() && (known.get().state() == RegisteredDevice.State.ENROLLED
                    || known.get().state() == RegisteredDevice.State.REVOKED)) {
                // A new code would cancel a working device's credential (or bring a revoked one back): one at a
                // time, on purpose, with ./kiosk06 admin device add --device-id.
                problems.add("line " + line + ": device '" + id + "' is already " + known.get().state().name()
                        .toLowerCase(Locale.ROOT) + " (unit " + known.get().unitCode() + "); to replace its credential use "
                        + "./kiosk06 admin device add --device-id " + id);
            }
        }
        return problems.size() == before ? Optional.of(new Row(line, id, unit)) : Optional.empty();
    }

    /**
     * Writes the codes as CSV — {@code device_id,unit,code,expires_at} (ISO-8601 UTC) — for a technician's sheet or a
     * mail merge. The codes are credentials until used: whoever holds this output can enroll the devices.
     */
    public static void writeCodes(Appendable out, List<Registered> registered) throws IOException {
        try (CSVPrinter printer = new CSVPrinter(out, WRITE_FORMAT)) {
            printer.printRecord("device_id", "unit", "code", "expires_at");
            for (Registered r : registered) {
                printer.printRecord(r.deviceId(), r.unitCode(), r.issued().code().text(), r.issued().expiresAt().toString());
            }
        }
    }

    private static int[] lineStarts(String text) {
        int[] starts = new int[16];
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, n);
    }

    /** The 1-based line holding character {@code position}. */
    private static int lineOf(int[] lineStarts, long position) {
        int i = Arrays.binarySearch(lineStarts, (int) position);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    private static String printable(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
