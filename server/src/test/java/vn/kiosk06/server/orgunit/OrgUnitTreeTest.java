package vn.kiosk06.server.orgunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrgUnitTreeTest {

    static final String PHU_QUOC = String.join("\n",
            "# Phú Quốc deployment",
            "code,name,level,parent,go_live",
            "AG,Tỉnh An Giang,PROVINCE,,",
            "PQ,Đặc khu Phú Quốc,SPECIAL_ZONE,AG,",
            "TTYT-PQ,Trung tâm Y tế Phú Quốc,FACILITY,PQ,",
            "kiosk-pq-01,\"Kiosk sảnh khám bệnh, tầng 1\",DEVICE,TTYT-PQ,2025-02-06",
            "kiosk-pq-02,Kiosk khoa Nhi,device,TTYT-PQ,2025-09-01",
            "",
            "TCNS-AP3,Tổ công nghệ số ấp 3,TEAM,PQ,",
            "pi-ap3-01,Máy cầm tay tổ ấp 3,DEVICE,TCNS-AP3,2026-06-19",
            "RG,Phường Rạch Giá,WARD,AG,");

    static OrgUnitTree phuQuoc() {
        return OrgUnitTree.parse(new StringReader(PHU_QUOC), "phu-quoc.csv");
    }

    @Test
    void parse_validFile_buildsTheTree() {
        OrgUnitTree tree = phuQuoc();

        assertThat(tree.roots()).extracting(OrgUnit::code).containsExactly("AG");
        assertThat(tree.children("AG")).extracting(OrgUnit::code).containsExactly("PQ", "RG");
        assertThat(tree.descendants("PQ")).extracting(OrgUnit::code)
                .containsExactly("TTYT-PQ", "TCNS-AP3", "kiosk-pq-01", "kiosk-pq-02", "pi-ap3-01");
        assertThat(tree.get("kiosk-pq-01").name()).isEqualTo("Kiosk sảnh khám bệnh, tầng 1");
        assertThat(tree.get("kiosk-pq-02").level()).isEqualTo(OrgUnitLevel.DEVICE);
        assertThat(tree.ancestors("pi-ap3-01")).extracting(OrgUnit::code).containsExactly("TCNS-AP3", "PQ", "AG");
        assertThat(tree.devices("PQ")).extracting(OrgUnit::code)
                .containsExactly("kiosk-pq-01", "kiosk-pq-02", "pi-ap3-01");
        assertThat(tree.isWithin("kiosk-pq-01", "AG")).isTrue();
        assertThat(tree.isWithin("kiosk-pq-01", "RG")).isFalse();
        assertThat(tree.find("nope")).isEmpty();
    }

    @Test
    void goLive_ofFacility_isItsEarliestKiosk() {
        OrgUnitTree tree = phuQuoc();

        assertThat(tree.goLive("TTYT-PQ")).contains(LocalDate.of(2025, 2, 6));
        assertThat(tree.goLive("kiosk-pq-02")).contains(LocalDate.of(2025, 9, 1));
        assertThat(tree.goLive("RG")).isEmpty();
    }

    @Test
    void load_fileWithBom_reads(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("units.csv");
        Files.writeString(file, "\uFEFF" + PHU_QUOC, StandardCharsets.UTF_8);

        assertThat(OrgUnitTree.load(file).units()).hasSize(8);
    }

    @Test
    void parse_badFile_reportsEveryProblemWithItsLine() {
        String csv = String.join("\n",
                "code,name,level,parent,go_live",            // 1
                "AG,Tỉnh An Giang,PROVINCE,,",               // 2
                "PQ,Đặc khu Phú Quốc,SPECIAL_ZONE,AG,",      // 3
                "PQ,Đặc khu Phú Quốc (lặp),SPECIAL_ZONE,AG,", // 4 duplicate
                "F1,Bệnh viện X,FACILITY,NOWHERE,",          // 5 unknown parent
                "K1,Kiosk 1,DEVICE,PQ,",                      // 6 device straight under a zone
                "K2,Kiosk 2,KIOSK,F1,",                       // 7 unknown level
                "K3,Kiosk 3,DEVICE,F1,06/02/2025",            // 8 bad date
                "K4,Kiosk 4,DEVICE",                          // 9 too few fields
                "X,Xã X,COMMUNE,Y,",                          // 10 cycle X → Y → X
                "Y,Xã Y,COMMUNE,X,");                         // 11

        assertThatThrownBy(() -> OrgUnitTree.parse(new StringReader(csv), "bad.csv"))
                .isInstanceOfSatisfying(OrgUnitFileException.class, e -> {
                    assertThat(e.getMessage()).contains("bad.csv");
                    assertThat(e.problems()).extracting(Object::toString).anySatisfy(
                            m -> assertThat(m).startsWith("line 4: duplicate code PQ, first defined on line 3"));
                    assertThat(e.problems()).extracting(Object::toString)
                            .contains("line 5: unit F1: unknown parent NOWHERE")
                            .anySatisfy(m -> assertThat(m).startsWith("line 6: unit K1 (DEVICE) cannot be under PQ"))
                            .anySatisfy(m -> assertThat(m).startsWith("line 7: unit K2: unknown level \"KIOSK\""))
                            .anySatisfy(m -> assertThat(m).startsWith("line 8: unit K3: go_live \"06/02/2025\""))
                            .anySatisfy(m -> assertThat(m).startsWith("line 9: expected 5 fields"))
                            .anySatisfy(m -> assertThat(m).startsWith("line 10: cycle in parents: X → Y → X"));
                });
    }

    @Test
    void parse_wrongHeader_saysWhatItMustBe() {
        assertThatThrownBy(() -> OrgUnitTree.parse(new StringReader("code;name\nAG;An Giang"), "x.csv"))
                .isInstanceOf(OrgUnitFileException.class)
                .hasMessageContaining("line 1: header must be \"code,name,level,parent,go_live\"");
    }

    @Test
    void get_unknownCode_namesIt() {
        assertThatThrownBy(() -> phuQuoc().get("kiosk-xx")).hasMessageContaining("kiosk-xx");
    }

    @Test
    void toCsv_namesWithQuotesCommasAndAMultiLineRecordBefore_readBackTheSameTree_linesCountedRight() {
        OrgUnitTree tree = OrgUnitTree.of(List.of(
                new OrgUnit("AG", "Tỉnh \"An Giang\", miền Tây", OrgUnitLevel.PROVINCE, Optional.empty(), Optional.empty()),
                new OrgUnit("PQ", "=1+2,\"x\"", OrgUnitLevel.SPECIAL_ZONE, Optional.of("AG"),
                        Optional.of(LocalDate.of(2025, 2, 6)))));

        String csv = tree.toCsv("saved");
        OrgUnitTree back = OrgUnitTree.parse(new StringReader(csv), "saved.csv");

        assertThat(back.units()).isEqualTo(tree.units());
        // A quoted field over two lines moves the next record's line number on by one.
        String twoLines = "code,name,level,parent,go_live\n\"AG\",\"Tỉnh\nAn Giang\",PROVINCE,,\nPQ,Phú Quốc,SPECIAL_ZONE,XX,\n";
        assertThatThrownBy(() -> OrgUnitTree.parse(new StringReader(twoLines), "two.csv"))
                .isInstanceOfSatisfying(OrgUnitFileException.class, e -> assertThat(e.problems()).extracting(Object::toString)
                        .anySatisfy(m -> assertThat(m).startsWith("line 2: name of AG must not contain control characters"))
                        .contains("line 4: unit PQ: unknown parent XX"));
    }

    @Test
    void parse_unterminatedQuote_isAProblemNotACrash() {
        assertThatThrownBy(() -> OrgUnitTree.parse(new StringReader("code,name,level,parent,go_live\nAG,\"An Giang,PROVINCE,,\n"),
                "open.csv")).isInstanceOf(OrgUnitFileException.class).hasMessageContaining("not valid CSV");
    }
}
