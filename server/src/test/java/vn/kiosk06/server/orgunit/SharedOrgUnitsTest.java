package vn.kiosk06.server.orgunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.server.DashboardClient;
import vn.kiosk06.server.RunningServer;
import vn.kiosk06.server.security.Role;
import vn.kiosk06.server.db.Database;
import vn.kiosk06.server.db.EmbeddedPg;
import vn.kiosk06.server.db.PostgresDatabase;
import vn.kiosk06.server.db.SqliteDatabase;
import vn.kiosk06.server.report.Target;
import vn.kiosk06.server.report.UnitTargets;
import vn.kiosk06.wire.AgeGroup;
import vn.kiosk06.wire.FieldActivity;

/**
 * Issue 16.2: org units, device placement and targets live in the database, so every instance on it sees an edit at
 * once — two instances' directories on one SQLite file and on one PostgreSQL database, and two real servers on
 * PostgreSQL over HTTP — and a bad CSV is refused at the first start naming its line, with nothing imported.
 */
class SharedOrgUnitsTest {

    static final String TREE = """
            # the deployment's units
            code,name,level,parent,go_live
            AG,Tỉnh An Giang,PROVINCE,,
            PQ,Đặc khu Phú Quốc,SPECIAL_ZONE,AG,
            TTYT-PQ,Trung tâm Y tế đặc khu Phú Quốc,FACILITY,PQ,
            kiosk-pq,Kiosk Phú Quốc,DEVICE,TTYT-PQ,2026-05-01
            RG,Phường Rạch Giá,WARD,AG,
            BV-RG,Bệnh viện Rạch Giá,FACILITY,RG,
            """;
    static final Target TARGET = new Target("PQ", FieldActivity.VNEID_L2_ACTIVATION, EnumSet.of(AgeGroup.AGE_14_PLUS),
            400, 10, new BigDecimal("92.5"));

    static EmbeddedPg pg;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() {
        pg = EmbeddedPg.start();
    }

    @AfterAll
    static void stopPostgres() {
        pg.close();
    }

    Path csv(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    /** Two instances' views of one database: each its own directory and targets over its own connections. */
    void editOnA_isReadOnB(Database dbA, Database dbB, Path dataA, Path dataB) throws Exception {
        Path units = csv("units.csv", TREE);
        Path targets = csv("targets.csv", "unit,activity,age_groups,denominator,baseline,target_percent\n");
        OrgUnitDirectory a = new OrgUnitDirectory(dbA, dataA, units);
        OrgUnitDirectory b = new OrgUnitDirectory(dbB, dataB, units);
        UnitTargets targetsA = new UnitTargets(dbA, dataA, targets);
        UnitTargets targetsB = new UnitTargets(dbB, dataB, targets);
        assertThat(b.tree().units()).isEqualTo(a.tree().units()).hasSize(6);

        a.addUnit(new OrgUnit("TYT-RG", "Trạm y tế \"Rạch Giá\", khu 1", OrgUnitLevel.FACILITY, Optional.of("RG"),
                Optional.empty()));
        a.moveDevice("kiosk-pq", "TYT-RG", Optional.of(LocalDate.of(2026, 6, 1)));
        a.moveDevice("kiosk-new", "BV-RG", Optional.empty());
        targetsA.set(TARGET);

        assertThat(b.tree().get("TYT-RG").name()).isEqualTo("Trạm y tế \"Rạch Giá\", khu 1");
        assertThat(b.tree().get("kiosk-pq").parent()).contains("TYT-RG");
        assertThat(b.tree().get("kiosk-pq").goLive()).contains(LocalDate.of(2026, 6, 1));
        assertThat(b.tree().devices("RG")).extracting(OrgUnit::code).containsExactlyInAnyOrder("kiosk-pq", "kiosk-new");
        assertThat(targetsB.all()).containsExactly(TARGET);
        // And back: B's edit, made on the tree as the database holds it (with A's edits), is A's next read.
        b.moveDevice("kiosk-pq", "TTYT-PQ", Optional.empty());
        assertThat(a.tree().get("kiosk-pq").parent()).contains("TTYT-PQ");
        assertThat(a.tree().get("TYT-RG").code()).isEqualTo("TYT-RG");
        assertThatThrownBy(() -> b.addUnit(new OrgUnit("TYT-RG", "again", OrgUnitLevel.FACILITY, Optional.of("RG"),
                Optional.empty()))).isInstanceOf(OrgUnitFileException.class).hasMessageContaining("duplicate code TYT-RG");
        assertThat(a.tree().units()).hasSize(8);
    }

    @Test
    void sqlite_twoInstancesOnOneFile_seeEachOthersEditsAtOnce() throws Exception {
        Path data = dir.resolve("data");
        try (Database dbA = SqliteDatabase.open(data); Database dbB = SqliteDatabase.open(data)) {
            editOnA_isReadOnB(dbA, dbB, data, data);
        }
    }

    @Test
    void postgres_twoInstancesOnOneDatabase_seeEachOthersEditsAtOnce() throws Exception {
        String jdbc = pg.newDatabase();
        try (Database dbA = PostgresDatabase.open(jdbc); Database dbB = PostgresDatabase.open(jdbc)) {
            editOnA_isReadOnB(dbA, dbB, dir.resolve("a"), dir.resolve("b"));
        }
    }

    @Test
    void firstStart_csvWithACycleAnUnknownParentAndADuplicate_isRefusedNamingEachLine_nothingImported() throws Exception {
        Path bad = csv("bad.csv", """
                code,name,level,parent,go_live
                AG,Tỉnh An Giang,PROVINCE,,
                X,Xã X,COMMUNE,Y,
                Y,Xã Y,COMMUNE,X,
                F1,Bệnh viện,FACILITY,NOWHERE,
                AG,Tỉnh An Giang (lặp),PROVINCE,,
                """);
        Path data = dir.resolve("data");
        try (Database db = SqliteDatabase.open(data)) {
            assertThatThrownBy(() -> new OrgUnitDirectory(db, data, bad))
                    .isInstanceOfSatisfying(OrgUnitFileException.class, e -> assertThat(e.problems()).extracting(Object::toString)
                            .anySatisfy(m -> assertThat(m).startsWith("line 3: cycle in parents: X → Y → X"))
                            .contains("line 5: unit F1: unknown parent NOWHERE")
                            .anySatisfy(m -> assertThat(m).startsWith("line 6: duplicate code AG, first defined on line 2")));
            assertThat(count(db, "SELECT COUNT(*) FROM org_unit")).isZero();
            assertThat(count(db, "SELECT version FROM shared_state WHERE name = 'org_units'")).isZero();

            // Mended, the next start imports it whole.
            assertThat(new OrgUnitDirectory(db, data, csv("good.csv", TREE)).tree().units()).hasSize(6);
            assertThat(count(db, "SELECT COUNT(*) FROM org_unit")).isEqualTo(6);
        }
    }

    @Test
    void editedCsvFromBeforeTheDatabase_isImportedOnce_thenRenamed() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("org-units.csv"), TREE.replace("Kiosk Phú Quốc", "Kiosk đã sửa"));
        try (Database db = SqliteDatabase.open(data)) {
            OrgUnitDirectory units = new OrgUnitDirectory(db, data, csv("configured.csv", TREE));
            assertThat(units.tree().get("kiosk-pq").name()).isEqualTo("Kiosk đã sửa");
            assertThat(data.resolve("org-units.csv")).doesNotExist();
            assertThat(data.resolve("org-units.csv.imported")).exists();
        }
    }

    @Test
    void twoServersOnPostgres_adminEditOnA_isWhatBShowsAtOnce() throws Exception {
        String jdbc = pg.newDatabase();
        Path units = csv("units.csv", TREE);
        try (RunningServer a = new RunningServer(dir.resolve("a"), Map.of("kiosk06.server.db", jdbc,
                "kiosk06.server.org-units", units.toString()));
             RunningServer b = new RunningServer(dir.resolve("b"), Map.of("kiosk06.server.db", jdbc,
                     "kiosk06.server.org-units", units.toString()))) {
            DashboardClient onA = a.login("an.admin", Role.ADMIN, "AG");
            DashboardClient onB = b.login("binh.admin", Role.ADMIN, "AG");
            assertThat(onB.get("/api/v1/units").body()).doesNotContain("TYT-RG");

            assertThat(onA.post("/api/v1/admin/units", "{\"code\":\"TYT-RG\",\"name\":\"Trạm y tế Rạch Giá\","
                    + "\"level\":\"FACILITY\",\"parent\":\"RG\",\"goLive\":\"\"}").statusCode()).isEqualTo(200);
            assertThat(onA.post("/api/v1/admin/device-unit", "{\"device\":\"kiosk-pq\",\"parent\":\"TYT-RG\"}").statusCode())
                    .isEqualTo(200);
            assertThat(onA.post("/api/v1/admin/targets", "{\"unit\":\"RG\",\"activity\":\"VNEID_L2_ACTIVATION\","
                    + "\"ageGroups\":\"AGE_14_PLUS\",\"denominator\":\"400\",\"baseline\":\"0\",\"targetPercent\":\"95\"}")
                    .statusCode()).isEqualTo(200);

            assertThat(onB.get("/api/v1/units").body()).contains("\"code\":\"TYT-RG\"");
            assertThat(b.bean(OrgUnitDirectory.class).tree().get("kiosk-pq").parent()).contains("TYT-RG");
            assertThat(onB.get("/api/v1/report?unit=RG&period=month:1@2026-06").body()).contains("\"denominator\":400");
        }
    }

    static long count(Database db, String sql) throws SQLException {
        try (Connection c = db.connectForReads(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
