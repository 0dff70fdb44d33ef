package vn.kiosk06.server.orgunit;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import vn.kiosk06.server.security.UnitScope;

/**
 * The deployment's org units as a tree: province → commune / ward / special zone → facility → device,
 * with teams under a commune or facility and their handhelds under them. Each device is a node, so it
 * belongs to exactly one unit. Immutable after loading and thread-safe.
 *
 * <h2>File format</h2>
 * UTF-8 CSV (a BOM is tolerated), first non-comment line the header {@code code,name,level,parent,go_live}:
 * <pre>
 * # Kiosk06 org units
 * code,name,level,parent,go_live
 * AG,Tỉnh An Giang,PROVINCE,,
 * PQ,Đặc khu Phú Quốc,SPECIAL_ZONE,AG,
 * TTYT-PQ,"Trung tâm Y tế Phú Quốc",FACILITY,PQ,
 * kiosk-pq-01,Kiosk sảnh khám bệnh,DEVICE,TTYT-PQ,2025-02-06
 * </pre>
 * Lines starting with {@code #} and blank lines are skipped. Fields are RFC 4180 (read and written with Apache
 * Commons CSV): one containing a comma, quote or line break is double-quoted, with {@code ""} for a quote. {@code level} is an {@link OrgUnitLevel} name
 * (case-insensitive); {@code parent} is empty for a province and may refer to a unit defined later in the
 * file; {@code go_live} is empty or {@code yyyy-MM-dd}. All problems (bad field, duplicate code, unknown
 * parent, level not allowed under its parent, cycle) are collected and thrown together in an
 * {@link OrgUnitFileException} naming each line.
 *
 * <p>CSV rather than YAML: deployers keep the unit list in a spreadsheet, and a row per unit makes the
 * line in an error message the line they must fix.
 */
public final class OrgUnitTree implements UnitScope {

    /** The header the file must start with. */
    public static final String HEADER = "code,name,level,parent,go_live";

    private final Map<String, OrgUnit> units;
    private final Map<String, List<String>> children;

    private OrgUnitTree(Map<String, OrgUnit> units, Map<String, List<String>> children) {
        this.units = units;
        this.children = children;
    }

    /** Loads a tree from a CSV file. */
    public static OrgUnitTree load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read org-unit file " + file, e);
        }
    }

    /** Parses a tree from CSV text; {@code source} names it in error messages. */
    public static OrgUnitTree parse(Reader reader, String source) {
        String text;
        try {
            text = readAll(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read org-unit file " + source, e);
        }
        List<OrgUnitFileException.Problem> problems = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        boolean headerSeen = false;
        try (CSVParser csv = READ_FORMAT.parse(new StringReader(text))) {
            for (CSVRecord row : csv) {
                int lineNo = lineOf(text, row.getCharacterPosition());
                if (row.stream().allMatch(String::isBlank)) {
                    continue;
                }
                if (!headerSeen) {
                    headerSeen = true;
                    String header = String.join(",", row.toList()).strip();
                    if (!header.toLowerCase(Locale.ROOT).equals(HEADER)) {
                        problems.add(new OrgUnitFileException.Problem(lineNo,
                                "header must be \"" + HEADER + "\", was \"" + header + "\""));
                        break;
                    }
                    continue;
                }
                parseRow(row.toList(), lineNo, problems).ifPresent(entries::add);
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // Commons CSV reports a quote left open as an IOException/UncheckedIOException naming the position.
            problems.add(new OrgUnitFileException.Problem(0, "not valid CSV: " + e.getMessage()));
        }
        if (!headerSeen && problems.isEmpty()) {
            problems.add(new OrgUnitFileException.Problem(0, "no header line \"" + HEADER + "\""));
        }
        return build(entries, problems, source);
    }

    /**
     * Writes the tree as the file format above (the header, then one record per unit in tree order), quoting by
     * RFC 4180 whatever a name holds; {@link #parse} reads it back to the same tree.
     */
    public void writeCsv(Appendable out, String comment) throws IOException {
        try (CSVPrinter printer = WRITE_FORMAT.print(out)) {
            printer.printComment(comment);
            printer.printRecord((Object[]) HEADER.split(","));
            for (OrgUnit u : units.values()) {
                printer.printRecord(u.code(), u.name(), u.level().name(), u.parent().orElse(""),
                        u.goLive().map(LocalDate::toString).orElse(""));
            }
        }
    }

    /** The tree as CSV text (see {@link #writeCsv}). */
    public String toCsv(String comment) {
        StringBuilder out = new StringBuilder();
        try {
            writeCsv(out, comment);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return out.toString();
    }

    /** RFC 4180 with '#' comment lines; a BOM is stripped before parsing. */
    private static final CSVFormat READ_FORMAT = CSVFormat.RFC4180.builder()
            .setCommentMarker('#').setIgnoreEmptyLines(true).get();
    private static final CSVFormat WRITE_FORMAT = CSVFormat.RFC4180.builder()
            .setCommentMarker('#').setRecordSeparator("\n").get();

    private static String readAll(Reader reader) throws IOException {
        StringBuilder out = new StringBuilder();
        char[] buf = new char[8192];
        for (int n = reader.read(buf); n >= 0; n = reader.read(buf)) {
            out.append(buf, 0, n);
        }
        return out.length() > 0 && out.charAt(0) == '\uFEFF' ? out.substring(1) : out.toString();
    }

    /** The 1-based line of character {@code position} (a record's start), counting CRLF, LF and CR line ends. */
    private static int lineOf(String text, long position) {
        int line = 1;
        for (int i = 0; i < position && i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
            }
        }
        return line;
    }

    /**
     * Builds a tree from units already in memory (e.g. from a database), with the same checks as the
     * file; a problem's "line" is then the unit's 1-based position in {@code list}.
     */
    public static OrgUnitTree of(List<OrgUnit> list) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            entries.add(new Entry(i + 1, list.get(i)));
        }
        return build(entries, new ArrayList<>(), "(in memory)");
    }

    private record Entry(int line, OrgUnit unit) {
    }

    private static Optional<Entry> parseRow(List<String> fields, int lineNo, List<OrgUnitFileException.Problem> problems) {
        if (fields.size() != 5) {
            problems.add(new OrgUnitFileException.Problem(lineNo,
                    "expected 5 fields (" + HEADER + "), found " + fields.size()));
            return Optional.empty();
        }
        String code = fields.get(0).strip();
        OrgUnitLevel level;
        try {
            level = OrgUnitLevel.valueOf(fields.get(2).strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(new OrgUnitFileException.Problem(lineNo, "unit " + code + ": unknown level \""
                    + fields.get(2).strip() + "\", expected one of " + List.of(OrgUnitLevel.values())));
            return Optional.empty();
        }
        String parent = fields.get(3).strip();
        String goLiveText = fields.get(4).strip();
        Optional<LocalDate> goLive = Optional.empty();
        if (!goLiveText.isEmpty()) {
            try {
                goLive = Optional.of(LocalDate.parse(goLiveText));
            } catch (DateTimeParseException e) {
                problems.add(new OrgUnitFileException.Problem(lineNo, "unit " + code + ": go_live \""
                        + goLiveText + "\" is not a yyyy-MM-dd date"));
                return Optional.empty();
            }
        }
        try {
            return Optional.of(new Entry(lineNo, new OrgUnit(code, fields.get(1).strip(), level,
                    parent.isEmpty() ? Optional.empty() : Optional.of(parent), goLive)));
        } catch (IllegalArgumentException e) {
            problems.add(new OrgUnitFileException.Problem(lineNo, e.getMessage()));
            return Optional.empty();
        }
    }

    private static OrgUnitTree build(List<Entry> entries, List<OrgUnitFileException.Problem> problems,
            String source) {
        Map<String, Entry> byCode = new LinkedHashMap<>();
        for (Entry e : entries) {
            Entry first = byCode.putIfAbsent(e.unit().code(), e);
            if (first != null) {
                problems.add(new OrgUnitFileException.Problem(e.line(), "duplicate code "
                        + e.unit().code() + ", first defined on line " + first.line()));
            }
        }
        for (Entry e : byCode.values()) {
            OrgUnit unit = e.unit();
            Set<OrgUnitLevel> allowed = unit.level().allowedParents();
            if (unit.parent().isEmpty()) {
                if (!allowed.isEmpty()) {
                    problems.add(new OrgUnitFileException.Problem(e.line(), "unit " + unit.code() + " ("
                            + unit.level() + ") needs a parent of level " + allowed));
                }
                continue;
            }
            String parentCode = unit.parent().get();
            Entry parent = byCode.get(parentCode);
            if (parent == null) {
                problems.add(new OrgUnitFileException.Problem(e.line(),
                        "unit " + unit.code() + ": unknown parent " + parentCode));
            } else if (!allowed.contains(parent.unit().level())) {
                problems.add(new OrgUnitFileException.Problem(e.line(), "unit " + unit.code() + " ("
                        + unit.level() + ") cannot be under " + parentCode + " (" + parent.unit().level()
                        + "); allowed parent levels: " + (allowed.isEmpty() ? "none (a root)" : allowed)));
            }
        }
        findCycles(byCode, problems);
        if (!problems.isEmpty()) {
            problems.sort((a, b) -> Integer.compare(a.line(), b.line()));
            throw new OrgUnitFileException(source, problems);
        }
        Map<String, OrgUnit> units = new LinkedHashMap<>();
        Map<String, List<String>> children = new HashMap<>();
        for (Entry e : byCode.values()) {
            units.put(e.unit().code(), e.unit());
            e.unit().parent().ifPresent(p -> children.computeIfAbsent(p, k -> new ArrayList<>()).add(e.unit().code()));
        }
        children.replaceAll((k, v) -> List.copyOf(v));
        return new OrgUnitTree(Collections.unmodifiableMap(units), Map.copyOf(children));
    }

    private static void findCycles(Map<String, Entry> byCode, List<OrgUnitFileException.Problem> problems) {
        Set<String> cleared = new HashSet<>();
        for (String start : byCode.keySet()) {
            LinkedHashSet<String> path = new LinkedHashSet<>();
            String code = start;
            while (code != null && !cleared.contains(code)) {
                if (!path.add(code)) {
                    List<String> members = new ArrayList<>(path);
                    List<String> cycle = members.subList(members.indexOf(code), members.size());
                    int line = cycle.stream().mapToInt(c -> byCode.get(c).line()).min().orElse(0);
                    problems.add(new OrgUnitFileException.Problem(line,
                            "cycle in parents: " + String.join(" → ", cycle) + " → " + code));
                    break;
                }
                Entry entry = byCode.get(code);
                code = entry == null ? null : entry.unit().parent().orElse(null);
            }
            cleared.addAll(path);
        }
    }

    /** All units, in file order. */
    public List<OrgUnit> units() {
        return List.copyOf(units.values());
    }

    /** Units without a parent (provinces). */
    public List<OrgUnit> roots() {
        return units.values().stream().filter(u -> u.parent().isEmpty()).toList();
    }

    /** The unit with {@code code}, if any. */
    public Optional<OrgUnit> find(String code) {
        return Optional.ofNullable(units.get(code));
    }

    /** Of {@code deviceIds}, those that are not in the tree, sorted (devices that synced but were never placed). */
    public List<String> unassigned(Collection<String> deviceIds) {
        return deviceIds.stream().filter(d -> !units.containsKey(d)).sorted().distinct().toList();
    }

    /**
     * The unit with {@code code}.
     *
     * @throws IllegalArgumentException if there is none
     */
    public OrgUnit get(String code) {
        OrgUnit unit = units.get(code);
        if (unit == null) {
            throw new IllegalArgumentException("unknown org unit " + code);
        }
        return unit;
    }

    /** Direct children of {@code code}, in file order. */
    public List<OrgUnit> children(String code) {
        get(code);
        return children.getOrDefault(code, List.of()).stream().map(units::get).toList();
    }

    /** Everything under {@code code} (not itself), parents before children. */
    public List<OrgUnit> descendants(String code) {
        List<OrgUnit> out = new ArrayList<>();
        Deque<String> todo = new ArrayDeque<>(children.getOrDefault(get(code).code(), List.of()));
        while (!todo.isEmpty()) {
            String next = todo.removeFirst();
            out.add(units.get(next));
            todo.addAll(children.getOrDefault(next, List.of()));
        }
        return out;
    }

    /** Codes of {@code code} and everything under it. */
    public Set<String> subtreeCodes(String code) {
        Set<String> codes = new LinkedHashSet<>();
        codes.add(get(code).code());
        descendants(code).forEach(u -> codes.add(u.code()));
        return Collections.unmodifiableSet(codes);
    }

    /** {@code code}'s ancestors, nearest first (parent, grandparent, …, root). */
    public List<OrgUnit> ancestors(String code) {
        List<OrgUnit> out = new ArrayList<>();
        Optional<String> parent = get(code).parent();
        while (parent.isPresent()) {
            OrgUnit unit = units.get(parent.get());
            out.add(unit);
            parent = unit.parent();
        }
        return out;
    }

    @Override
    public boolean holds(String code) {
        return units.containsKey(code);
    }

    @Override
    public boolean isRoot(String code) {
        OrgUnit unit = units.get(code);
        return unit != null && unit.parent().isEmpty();
    }

    @Override
    public boolean isUnassigned(String code) {
        return OrgUnitDirectory.UNASSIGNED.equals(code);
    }

    /** Whether {@code code} is {@code ancestor} or lies under it. */
    @Override
    public boolean isWithin(String code, String ancestor) {
        if (code.equals(ancestor)) {
            return units.containsKey(code);
        }
        return units.containsKey(code) && ancestors(code).stream().anyMatch(u -> u.code().equals(ancestor));
    }

    /** The devices in {@code code}'s subtree (itself included if it is a device). */
    public List<OrgUnit> devices(String code) {
        List<OrgUnit> out = new ArrayList<>();
        OrgUnit self = get(code);
        if (self.level() == OrgUnitLevel.DEVICE) {
            out.add(self);
        }
        descendants(code).stream().filter(u -> u.level() == OrgUnitLevel.DEVICE).forEach(out::add);
        return out;
    }

    /**
     * When {@code code} went live: its own go-live date, else the earliest among its subtree (a facility
     * went live with its first kiosk). This is the "since" of its cumulative figures.
     */
    public Optional<LocalDate> goLive(String code) {
        Optional<LocalDate> own = get(code).goLive();
        if (own.isPresent()) {
            return own;
        }
        return descendants(code).stream().flatMap(u -> u.goLive().stream()).min(LocalDate::compareTo);
    }
}
