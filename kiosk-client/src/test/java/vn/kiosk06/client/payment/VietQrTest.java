package vn.kiosk06.client.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VietQrTest {

    @Test
    void crc16_ofTheStandardCheckString_isCcittFalseCheckValue() {
        assertThat(VietQr.crc16("123456789")).isEqualTo(0x29B1);
    }

    @Test
    void payload_dynamicTransfer_matchesTheHandBuiltTlv() {
        // Built field by field: 00 02 01 | 01 02 12 | 38 54 {00 10 A000000727 | 01 24 {00 06 970436 | 01 10 0011001234}
        // | 02 08 QRIBFTTA} | 53 03 704 | 54 05 50000 | 58 02 VN | 62 20 {08 16 PQ01-261123-0042} | 63 04 CRC,
        // the CRC computed with an independent CCITT-FALSE implementation over everything up to and including "6304".
        String expected = "000201" + "010212"
                + "3854" + "0010A000000727" + "0124" + "0006970436" + "01100011001234" + "0208QRIBFTTA"
                + "5303704" + "540550000" + "5802VN" + "6220" + "0816PQ01-261123-0042"
                + "6304" + "9ED9";

        assertThat(new VietQr("970436", "0011001234", 50_000, "PQ01-261123-0042").payload()).isEqualTo(expected);
    }

    @Test
    void payload_crcCoversItsOwnTag() {
        String p = new VietQr("970422", "123456789", 1_000, "ABC").payload();
        String body = p.substring(0, p.length() - 4);
        assertThat(body).endsWith("6304");
        assertThat(Integer.parseInt(p.substring(p.length() - 4), 16)).isEqualTo(VietQr.crc16(body));
    }

    @Test
    void constructor_refusesANoteBankAppsWouldMangle() {
        assertThatThrownBy(() -> new VietQr("970436", "0011001234", 50_000, "Khám Nội"))
                .hasMessageContaining("note must be 1–25 characters");
        assertThatThrownBy(() -> new VietQr("97043", "0011001234", 50_000, "A")).hasMessageContaining("bin must be 6 digits");
        assertThatThrownBy(() -> new VietQr("970436", "0011001234", 0, "A")).hasMessageContaining("amountVnd");
    }

    @Test
    void qrSvg_drawsTheCodeWithAQuietZone() {
        String svg = QrSvg.of(new VietQr("970436", "0011001234", 50_000, "PQ01-261123-0042").payload());
        assertThat(svg).startsWith("<svg").contains("viewBox=\"0 0 ").contains("M4,4h1v1h-1z"); // finder pattern corner
        assertThat(svg.getBytes(StandardCharsets.UTF_8).length).isLessThan(60_000);
    }
}
