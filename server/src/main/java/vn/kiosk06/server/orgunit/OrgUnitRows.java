package vn.kiosk06.server.orgunit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.kiosk06.server.db.SharedState;

/** The org-unit tree as rows of {@code org_unit}, in listing order; a whole tree is written at once. */
final class OrgUnitRows implements SharedState.Rows<OrgUnitTree> {

    @Override
    public OrgUnitTree read(Connection c) throws SQLException {
        List<OrgUnit> units = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT code, name, level, parent, go_live FROM org_unit ORDER BY position");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                units.add(new OrgUnit(rs.getString(1), rs.getString(2), OrgUnitLevel.valueOf(rs.getString(3)),
                        Optional.ofNullable(rs.getString(4)), Optional.ofNullable(rs.getString(5)).map(LocalDate::parse)));
            }
        }
        return OrgUnitTree.of(units);
    }

    @Override
    public void write(Connection c, OrgUnitTree tree) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM org_unit");
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO org_unit (code, name, level, parent, go_live, position) VALUES (?, ?, ?, ?, ?, ?)")) {
            int position = 0;
            for (OrgUnit u : tree.units()) {
                ps.setString(1, u.code());
                ps.setString(2, u.name());
                ps.setString(3, u.level().name());
                ps.setString(4, u.parent().orElse(null));
                ps.setString(5, u.goLive().map(LocalDate::toString).orElse(null));
                ps.setInt(6, position++);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
