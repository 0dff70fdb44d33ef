package vn.kiosk06.server.orgunit;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.kiosk06.server.ServerConfig;
import vn.kiosk06.server.files.OwnerOnly;

/**
 * The deployment's current org-unit tree, and the admin's edits to it.
 *
 * <p>Loaded at start from {@code dataDir/org-units.csv} if an admin edited the tree before, else from
 * {@code kiosk06.server.org-units}, else from the bundled Phú Quốc demo tree. An edit builds a new tree with the
 * same checks as the file, saves it to {@code dataDir/org-units.csv} (atomically) and only then swaps it in, so a
 * refused edit changes nothing. Reads are lock-free; edits are serialized. Thread-safe.
 */
@Singleton
public final class OrgUnitDirectory {

    /** The pseudo-unit reports use for devices that synced but are in no configured unit. */
    public static final String UNASSIGNED = "_unassigned";
    private static final String DEMO = "/orgunits/demo-phu-quoc.csv";

    private final Path edited;
    private volatile OrgUnitTree tree;

    public OrgUnitDirectory(ServerConfig config) {
        this.edited = config.dataDir().resolve("org-units.csv");
        this.tree = load(edited, config.orgUnits());
    }

    /** A directory over a fixed starting tree, saving edits to {@code editedFile} (tools and tests). */
    public OrgUnitDirectory(OrgUnitTree tree, Path editedFile) {
        this.edited = editedFile;
        this.tree = tree;
    }

    /**
     * The tree a server on {@code dataDir} uses: its admin-edited file, else {@code configured} (may be null), else
     * the bundled demo (command-line tools that must agree with the server).
     */
    public static OrgUnitTree current(Path dataDir, Path configured) {
        return load(dataDir.resolve("org-units.csv"), configured);
    }

    private static OrgUnitTree load(Path edited, Path configured) {
        if (Files.exists(edited)) {
            return OrgUnitTree.load(edited);
        }
        if (configured != null) {
            return OrgUnitTree.load(configured);
        }
        return bundledDemo();
    }

    /** The demo tree shipped in the jar. */
    public static OrgUnitTree bundledDemo() {
        try (InputStream in = OrgUnitDirectory.class.getResourceAsStream(DEMO)) {
            return OrgUnitTree.parse(new InputStreamReader(in, StandardCharsets.UTF_8), "classpath:" + DEMO);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tree as it is now; an immutable snapshot. */
    public OrgUnitTree tree() {
        return tree;
    }

    /**
     * Adds a unit (a new device, team, facility …).
     *
     * @throws OrgUnitFileException if the result is not a valid tree (duplicate code, wrong level under the parent)
     */
    public synchronized OrgUnitTree addUnit(OrgUnit unit) {
        List<OrgUnit> units = new ArrayList<>(tree.units());
        units.add(unit);
        return replace(units);
    }

    /**
     * Puts device {@code deviceCode} under {@code parentCode}; adds it (named after its code) if it is not in the
     * tree yet, e.g. a device that synced before it was configured.
     */
    public synchronized OrgUnitTree moveDevice(String deviceCode, String parentCode, Optional<LocalDate> goLive) {
        List<OrgUnit> units = new ArrayList<>();
        boolean found = false;
        for (OrgUnit u : tree.units()) {
            if (u.code().equals(deviceCode)) {
                if (u.level() != OrgUnitLevel.DEVICE) {
                    throw new IllegalArgumentException(deviceCode + " is a " + u.level() + ", not a DEVICE");
                }
                units.add(new OrgUnit(u.code(), u.name(), u.level(), Optional.of(parentCode), goLive.or(u::goLive)));
                found = true;
            } else {
                units.add(u);
            }
        }
        if (!found) {
            units.add(new OrgUnit(deviceCode, deviceCode, OrgUnitLevel.DEVICE, Optional.of(parentCode), goLive));
        }
        return replace(units);
    }

    private OrgUnitTree replace(List<OrgUnit> units) {
        OrgUnitTree next = OrgUnitTree.of(units);
        save(next);
        tree = next;
        return next;
    }

    private void save(OrgUnitTree t) {
        StringBuilder csv = new StringBuilder("# Kiosk06 org units, saved by the dashboard's admin edits\n")
                .append(OrgUnitTree.HEADER).append('\n');
        for (OrgUnit u : t.units()) {
            csv.append(field(u.code())).append(',').append(field(u.name())).append(',').append(u.level().name())
                    .append(',').append(u.parent().orElse("")).append(',')
                    .append(u.goLive().map(LocalDate::toString).orElse("")).append('\n');
        }
        try {
            OwnerOnly.write(edited, csv.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save org units to " + edited, e);
        }
    }

    private static String field(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
