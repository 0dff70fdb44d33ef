package vn.kiosk06.server.orgunit;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kiosk06.server.ServerConfig;
import vn.kiosk06.server.db.Database;
import vn.kiosk06.server.db.Databases;
import vn.kiosk06.server.db.SharedState;

/**
 * The deployment's org-unit tree — units and where each device is placed — and the admin's edits to it.
 *
 * <p>The tree lives in the database (table {@code org_unit}), so every server instance on it reads the same tree and
 * sees an edit made on another at once (see {@link SharedState}). On the first start against a database it is imported
 * from CSV: {@code dataDir/org-units.csv} if an admin edited the tree before this version (that file is then renamed
 * {@code org-units.csv.imported}), else {@code kiosk06.server.org-units}, else the bundled Phú Quốc demo tree. A file
 * with any problem (a cycle, an unknown parent, a duplicate code …) stops the start with every problem and its line,
 * and nothing is imported. Later, CSV is an export ({@link OrgUnitTree#toCsv}) and a whole-tree import
 * ({@link #replace}). Every edit builds the new tree with the same checks as the file, so a refused edit changes
 * nothing. Thread-safe.
 */
@Singleton
public final class OrgUnitDirectory {

    /** The pseudo-unit reports use for devices that synced but are in no configured unit. */
    public static final String UNASSIGNED = "_unassigned";
    private static final String DEMO = "/orgunits/demo-phu-quoc.csv";
    /** An admin-edited tree from before the database held it. */
    static final String LEGACY_FILE = "org-units.csv";
    private static final Logger LOG = LoggerFactory.getLogger(OrgUnitDirectory.class);

    /** Null for a fixed in-memory tree (tools, benchmarks). */
    private final SharedState<OrgUnitTree> shared;
    private volatile OrgUnitTree fixed;

    @Inject
    public OrgUnitDirectory(Database database, ServerConfig config) {
        this(database, config.dataDir(), config.orgUnits());
    }

    /** The tree in {@code database}, imported on first use from the CSV a server on {@code dataDir} would use. */
    public OrgUnitDirectory(Database database, Path dataDir, Path configured) {
        Path legacy = dataDir.resolve(LEGACY_FILE);
        SharedState.Opened<OrgUnitTree> opened = SharedState.open(database, "org_units", new OrgUnitRows(),
                () -> firstTree(legacy, configured));
        this.shared = opened.state();
        if (Files.exists(legacy)) {
            retire(legacy, opened.imported());
        }
    }

    /** A directory over a fixed tree whose edits stay in memory (tools and benchmarks without a database). */
    public OrgUnitDirectory(OrgUnitTree tree) {
        this.shared = null;
        this.fixed = tree;
    }

    /**
     * The tree a server on {@code dataDir} (SQLite) uses — read from its database, imported there first if needed —
     * for command-line tools that must agree with the server.
     */
    public static OrgUnitTree current(Path dataDir, Path configured) {
        try (Database database = Databases.open(null, dataDir)) {
            return new OrgUnitDirectory(database, dataDir, configured).tree();
        }
    }

    private static OrgUnitTree firstTree(Path legacy, Path configured) {
        if (Files.exists(legacy)) {
            return OrgUnitTree.load(legacy);
        }
        if (configured != null) {
            return OrgUnitTree.load(configured);
        }
        return bundledDemo();
    }

    /** An imported (or, on another instance, superseded) pre-database file is renamed so nobody edits it in vain. */
    private static void retire(Path legacy, boolean imported) {
        Path done = legacy.resolveSibling(LEGACY_FILE + ".imported");
        try {
            Files.move(legacy, done, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + legacy + " to " + done, e);
        }
        if (imported) {
            LOG.info("Org units imported from {} into the database; the file is kept as {}", legacy, done);
        } else {
            LOG.warn("{} was not imported: the database already holds the org units (edited on another instance); "
                    + "kept as {}", legacy, done);
        }
    }

    /** The demo tree shipped in the jar. */
    public static OrgUnitTree bundledDemo() {
        try (InputStream in = OrgUnitDirectory.class.getResourceAsStream(DEMO)) {
            return OrgUnitTree.parse(new InputStreamReader(in, StandardCharsets.UTF_8), "classpath:" + DEMO);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tree as it is now (on every instance); an immutable snapshot. */
    public OrgUnitTree tree() {
        return shared != null ? shared.get() : fixed;
    }

    /**
     * Adds a unit (a new device, team, facility …).
     *
     * @throws OrgUnitFileException if the result is not a valid tree (duplicate code, wrong level under the parent)
     */
    public OrgUnitTree addUnit(OrgUnit unit) {
        return edit(tree -> {
            List<OrgUnit> units = new ArrayList<>(tree.units());
            units.add(unit);
            return OrgUnitTree.of(units);
        });
    }

    /**
     * Puts device {@code deviceCode} under {@code parentCode}; adds it (named after its code) if it is not in the
     * tree yet, e.g. a device that synced before it was configured.
     */
    public OrgUnitTree moveDevice(String deviceCode, String parentCode, Optional<LocalDate> goLive) {
        return edit(tree -> {
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
            return OrgUnitTree.of(units);
        });
    }

    /** Replaces the whole tree (an import of an edited CSV export); the tree was checked when it was built. */
    public OrgUnitTree replace(OrgUnitTree next) {
        return edit(tree -> next);
    }

    private OrgUnitTree edit(UnaryOperator<OrgUnitTree> change) {
        if (shared != null) {
            return shared.update(change);
        }
        synchronized (this) {
            fixed = change.apply(fixed);
            return fixed;
        }
    }
}
