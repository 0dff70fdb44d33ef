package vn.kiosk06.server.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import vn.kiosk06.server.files.OwnerOnly;

/**
 * Reads targets ("chỉ tiêu") from UTF-8 CSV with the header {@code unit,activity,age_groups,denominator,baseline,
 * target_percent}; {@code age_groups} joins {@link AgeGroup} names with '+'; {@code #} lines are comments. A bad
 * line is refused with its line number and what was wrong.
 */
public final class TargetsFile {

    public static final String HEADER = "unit,activity,age_groups,denominator,baseline,target_percent";
    private static final String DEMO = "/orgunits/demo-targets.csv";
    /** Where admin edits are saved in the data directory; it then wins over the configured file. */
    public static final String EDITED = "targets.csv";

    private TargetsFile() {
    }

    /** The targets in {@code file}. */
    public static List<Target> load(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read targets file " + file, e);
        }
    }

    /**
     * The targets a server on {@code dataDir} uses: those an admin edited from the dashboard
     * ({@code dataDir/targets.csv}), else {@code configured} (may be null), else the bundled demo.
     */
    public static List<Target> current(Path dataDir, Path configured) {
        Path edited = dataDir.resolve(EDITED);
        if (Files.exists(edited)) {
            return load(edited);
        }
        return configured != null ? load(configured) : bundledDemo();
    }

    /** Writes {@code targets} to {@code file} atomically (a reader sees the old file or the new, never half). */
    public static void save(Path file, List<Target> targets) {
        StringBuilder csv = new StringBuilder("# Kiosk06 targets, saved by the dashboard's admin edits\n").append(HEADER).append('\n');
        for (Target t : targets) {
            csv.append(t.unitCode()).append(',').append(t.activity().name()).append(',')
                    .append(String.join("+", t.ageGroups().stream().map(Enum::name).sorted().toList())).append(',')
                    .append(t.denominator()).append(',').append(t.baseline()).append(',')
                    .append(t.targetPercent().toPlainString()).append('\n');
        }
        try {
            OwnerOnly.write(file, csv.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save targets to " + file, e);
        }
    }

    /** The demo targets shipped in the jar. */
    public static List<Target> bundledDemo() {
        try (InputStream in = TargetsFile.class.getResourceAsStream(DEMO)) {
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), "classpath:" + DEMO);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses CSV text; {@code source} names it in error messages. */
    public static List<Target> parse(Reader reader, String source) throws IOException {
        List<Target> out = new ArrayList<>();
        BufferedReader lines = new BufferedReader(reader);
        boolean header = false;
        int n = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            n++;
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            if (!header) {
                if (!line.strip().replace("\uFEFF", "").equalsIgnoreCase(HEADER)) {
                    throw new IllegalArgumentException(source + " line " + n + ": header must be \"" + HEADER + "\"");
                }
                header = true;
                continue;
            }
            String[] f = line.split(",", -1);
            try {
                if (f.length != 6) {
                    throw new IllegalArgumentException("expected 6 fields, found " + f.length);
                }
                Set<AgeGroup> groups = EnumSet.noneOf(AgeGroup.class);
                for (String g : f[2].split("\\+")) {
                    groups.add(AgeGroup.valueOf(g.strip().toUpperCase(Locale.ROOT)));
                }
                out.add(new Target(f[0].strip(), FieldActivity.valueOf(f[1].strip().toUpperCase(Locale.ROOT)), groups,
                        Long.parseLong(f[3].strip()), Long.parseLong(f[4].strip()), new BigDecimal(f[5].strip())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + " line " + n + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(out);
    }
}
