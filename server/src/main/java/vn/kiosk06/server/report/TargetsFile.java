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
import vn.kiosk06.wire.AgeGroup;
import vn.kiosk06.wire.FieldActivity;

/**
 * Reads targets ("chỉ tiêu") from UTF-8 CSV with the header {@code unit,activity,age_groups,denominator,baseline,
 * target_percent}; {@code age_groups} joins {@link AgeGroup} names with '+'; {@code #} lines are comments. A bad
 * line is refused with its line number and what was wrong.
 */
public final class TargetsFile {

    public static final String HEADER = "unit,activity,age_groups,denominator,baseline,target_percent";
    private static final String DEMO = "/orgunits/demo-targets.csv";
    /** Where admin edits were saved in the data directory before the database held them; imported once. */
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
