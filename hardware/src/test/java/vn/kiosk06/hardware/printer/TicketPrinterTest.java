package vn.kiosk06.hardware.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.hardware.serial.SocatPair;

class TicketPrinterTest {
    private static final int ONLINE = 0x12;
    private static final int PAPER_OK = 0x12;
    private static final int PAPER_OUT = 0x72;
    private static final int PAPER_NEAR_END = 0x1E;

    private static final Ticket TICKET = new Ticket("A023", "GD20260619-0042", "Khoa Nội tổng hợp",
            "Trung tâm Y tế Đặc khu Phú Quốc", LocalDateTime.of(2026, 6, 19, 8, 5));

    @TempDir
    Path dir;

    private SocatPair pty;

    @AfterEach
    void tearDown() {
        if (pty != null) {
            pty.close();
        }
    }

    private TicketPrinter printer() {
        return TicketPrinter.onPort(pty.hostPath(), 19200, Duration.ofMillis(500));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static String hex(String ascii) {
        return hex(ascii.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void print_onlineWithPaper_sendsInitTextQrAndCut() throws Exception {
        pty = new SocatPair(dir);
        FakeEscPosPrinter fake = new FakeEscPosPrinter(pty, Map.of(1, ONLINE, 4, PAPER_OK));

        PrintResult result = printer().print(TICKET);

        assertThat(result).isEqualTo(new PrintResult.Printed());
        byte[] expected = EscPos.ticket(TICKET);
        await().atMost(Duration.ofSeconds(5)).until(() -> hex(fake.received()).endsWith(hex(expected)));
        String stream = hex(fake.received());
        assertThat(stream).startsWith("100401" + "100404"); // status queries before anything else
        assertThat(stream).contains("1b40"); // ESC @
        assertThat(stream).contains("1d2111" + hex("A023")); // double size queue number
        assertThat(stream).contains(hex("Trung tam Y te Dac khu Phu Quoc"));
        assertThat(stream).contains(hex("Khoa Noi tong hop"));
        assertThat(stream).contains(hex("Ma giao dich: GD20260619-0042"));
        assertThat(stream).contains(hex("19/06/2026 08:05"));
        int storeLength = "GD20260619-0042".length() + 3;
        assertThat(stream).contains("1d286b" + String.format("%02x00", storeLength) + "315030" + hex("GD20260619-0042"));
        assertThat(stream).contains("1d286b0300315130"); // print QR
        assertThat(stream).endsWith("1d564203"); // feed and cut
        assertThat(new String(expected, StandardCharsets.ISO_8859_1)).matches("[\\x00-\\x7f]*"); // ASCII only
    }

    @Test
    void print_paperNearEnd_stillPrints() throws Exception {
        pty = new SocatPair(dir);
        new FakeEscPosPrinter(pty, Map.of(1, ONLINE, 4, PAPER_NEAR_END));
        assertThat(printer().print(TICKET).printed()).isTrue();
    }

    @Test
    void print_paperOut_isUnavailableAndNothingPrinted() throws Exception {
        pty = new SocatPair(dir);
        FakeEscPosPrinter fake = new FakeEscPosPrinter(pty, Map.of(1, 0x1A, 4, PAPER_OUT));

        PrintResult result = printer().print(TICKET);

        assertThat(result).isEqualTo(new PrintResult.PrinterUnavailable("paper out"));
        assertThat(result.toString()).isEqualTo("printer unavailable: paper out");
        assertThat(hex(fake.received())).doesNotContain("1b40");
    }

    @Test
    void print_offline_isUnavailable() throws Exception {
        pty = new SocatPair(dir);
        new FakeEscPosPrinter(pty, Map.of(1, 0x1A, 4, PAPER_OK));
        assertThat(printer().print(TICKET).toString()).isEqualTo("printer unavailable: offline (cover open or error)");
    }

    @Test
    void print_noStatusReply_isUnavailableAfterTimeout() throws Exception {
        pty = new SocatPair(dir);
        new FakeEscPosPrinter(pty, Map.of());
        PrintResult result = printer().print(TICKET);
        assertThat(result.toString()).isEqualTo("printer unavailable: no status reply within 500 ms");
    }

    @Test
    void print_portMissing_isUnavailable() {
        PrintResult result = TicketPrinter.onPort(dir.resolve("ttyNOPE").toString(), 9600, Duration.ofMillis(200))
                .print(TICKET);
        assertThat(result.printed()).isFalse();
        assertThat(result.toString()).startsWith("printer unavailable: serial port ").endsWith("does not exist");
    }

    @Test
    void fold_vietnamese_isPlainAscii() {
        assertThat(AsciiFolding.fold("Đặng Thị Hằng, đường Nguyễn Trung Trực")).isEqualTo("Dang Thi Hang, duong Nguyen Trung Truc");
        assertThat(AsciiFolding.fold("Ấp Suối Lớn – 😀")).isEqualTo("Ap Suoi Lon ? ?");
    }
}
