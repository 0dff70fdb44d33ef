package vn.kiosk06.server.report;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kiosk06.server.ServerConfig;
import vn.kiosk06.server.db.Database;
import vn.kiosk06.server.db.SharedState;
import vn.kiosk06.wire.AgeGroup;
import vn.kiosk06.wire.FieldActivity;

/**
 * The targets ("chỉ tiêu") in force, and the admin's edits to them. They live in the database (table
 * {@code unit_target}), so every server instance reports against the same targets and sees an edit at once (see
 * {@link SharedState}); on the first start against a database they are imported from {@code dataDir/targets.csv} if an
 * admin edited them before this version (renamed {@code targets.csv.imported} afterwards), else from
 * {@code kiosk06.server.targets}, else the bundled demo targets. A bad file stops the start naming its line; nothing is
 * imported then. Thread-safe.
 */
@Singleton
public final class UnitTargets {

    private static final Logger LOG = LoggerFactory.getLogger(UnitTargets.class);

    /** Null for fixed in-memory targets (tools, benchmarks). */
    private final SharedState<List<Target>> shared;
    private volatile List<Target> fixed;

    @Inject
    public UnitTargets(Database database, ServerConfig config) {
        this(database, config.dataDir(), config.targets());
    }

    /** The targets in {@code database}, imported on first use from the CSV a server on {@code dataDir} would use. */
    public UnitTargets(Database database, Path dataDir, Path configured) {
        Path legacy = dataDir.resolve(TargetsFile.EDITED);
        SharedState.Opened<List<Target>> opened = SharedState.open(database, "targets", new Rows(),
                () -> Files.exists(legacy) ? TargetsFile.load(legacy)
                        : configured != null ? TargetsFile.load(configured) : TargetsFile.bundledDemo());
        this.shared = opened.state();
        if (Files.exists(legacy)) {
            Path done = legacy.resolveSibling(TargetsFile.EDITED + ".imported");
            try {
                Files.move(legacy, done, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot rename " + legacy + " to " + done, e);
            }
            LOG.info("{} {} the database; the file is kept as {}", legacy,
                    opened.imported() ? "imported into" : "not imported: targets were already in", done);
        }
    }

    /** Fixed targets whose edits stay in memory. */
    public UnitTargets(List<Target> targets) {
        this.shared = null;
        this.fixed = List.copyOf(targets);
    }

    /** The targets now in force (on every instance). */
    public List<Target> all() {
        return shared != null ? shared.get() : fixed;
    }

    /**
     * Sets {@code target}, replacing the unit's target for the same activity and age groups if there is one.
     *
     * @return the target it replaced
     */
    public Optional<Target> set(Target target) {
        List<Optional<Target>> previous = new ArrayList<>(List.of(Optional.empty()));
        edit(targets -> {
            List<Target> next = new ArrayList<>();
            for (Target t : targets) {
                if (t.unitCode().equals(target.unitCode()) && t.activity() == target.activity()
                        && t.ageGroups().equals(target.ageGroups())) {
                    previous.set(0, Optional.of(t));
                } else {
                    next.add(t);
                }
            }
            next.add(target);
            return List.copyOf(next);
        });
        return previous.get(0);
    }

    private void edit(UnaryOperator<List<Target>> change) {
        if (shared != null) {
            shared.update(change);
            return;
        }
        synchronized (this) {
            fixed = change.apply(fixed);
        }
    }

    /** Targets as rows of {@code unit_target}, in the order they were set. */
    private static final class Rows implements SharedState.Rows<List<Target>> {
        @Override
        public List<Target> read(Connection c) throws SQLException {
            List<Target> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT unit_code, activity, age_groups, denominator, "
                    + "baseline, target_percent FROM unit_target ORDER BY position");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Set<AgeGroup> groups = EnumSet.noneOf(AgeGroup.class);
                    for (String g : rs.getString(3).split("\\+")) {
                        groups.add(AgeGroup.valueOf(g));
                    }
                    out.add(new Target(rs.getString(1), FieldActivity.valueOf(rs.getString(2)), groups, rs.getLong(4),
                            rs.getLong(5), new BigDecimal(rs.getString(6))));
                }
            }
            return List.copyOf(out);
        }

        @Override
        public void write(Connection c, List<Target> targets) throws SQLException {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM unit_target");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO unit_target (unit_code, activity, age_groups, "
                    + "denominator, baseline, target_percent, position) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                int position = 0;
                for (Target t : targets) {
                    ps.setString(1, t.unitCode());
                    ps.setString(2, t.activity().name());
                    ps.setString(3, String.join("+", t.ageGroups().stream().map(Enum::name).sorted().toList()));
                    ps.setLong(4, t.denominator());
                    ps.setLong(5, t.baseline());
                    ps.setString(6, t.targetPercent().toPlainString());
                    ps.setInt(7, position++);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }
}
