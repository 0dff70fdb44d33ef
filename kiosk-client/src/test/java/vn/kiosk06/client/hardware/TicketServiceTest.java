package vn.kiosk06.client.hardware;

import vn.kiosk06.hardware.serial.SocatPair;
import vn.kiosk06.hardware.printer.FakeEscPosPrinter;
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
import vn.kiosk06.hardware.printer.PrintResult;
import vn.kiosk06.hardware.printer.Ticket;

/** The kiosk's ticket printing: ESC/POS on a pty-backed printer, and "show it on screen" whenever it cannot print. */
class TicketServiceTest {
    private static final int ONLINE = 0x12;
    private static final int PAPER_OK = 0x12;
    private static final int PAPER_OUT = 0x72;
    private static final Ticket TICKET = new Ticket("A023", "GD20260619-0042", "Khoa Nội tổng hợp",
            "TTYT Đặc khu Phú Quốc", LocalDateTime.of(2026, 6, 19, 8, 5));

    @TempDir
    Path dir;

    private SocatPair pty;

    @AfterEach
    void tearDown() {
        if (pty != null) {
            pty.close();
        }
    }

    private static String hex(String ascii) {
        return HexFormat.of().formatHex(ascii.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void print_onlinePrinter_sendsQueueNumberAndCut() throws Exception {
        pty = new SocatPair(dir);
        FakeEscPosPrinter printer = new FakeEscPosPrinter(pty, Map.of(1, ONLINE, 4, PAPER_OK));
        TicketService tickets = TicketService.onPort(pty.hostPath(), 19200);

        PrintResult result = tickets.print(TICKET);

        assertThat(result.printed()).isTrue();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> HexFormat.of().formatHex(printer.received()).endsWith("1d564203")); // feed and cut
        String stream = HexFormat.of().formatHex(printer.received());
        assertThat(stream).contains("1d2111" + hex("A023"), hex("Khoa Noi tong hop"));
        assertThat(tickets.lastResult()).hasValue(result);
    }

    @Test
    void print_paperOut_isUnavailableSoTheScreenShowsTheTicket() throws Exception {
        pty = new SocatPair(dir);
        new FakeEscPosPrinter(pty, Map.of(1, ONLINE, 4, PAPER_OUT));

        PrintResult result = TicketService.onPort(pty.hostPath(), 19200).print(TICKET);

        assertThat(result.printed()).isFalse();
        assertThat(result.toString()).startsWith("printer unavailable").contains("paper");
    }

    @Test
    void print_portGone_isUnavailable() {
        PrintResult result = TicketService.onPort(dir.resolve("ttyNONE").toString(), 19200).print(TICKET);

        assertThat(result.printed()).isFalse();
        assertThat(result.toString()).startsWith("printer unavailable");
    }

    @Test
    void print_noPrinterConfigured_isUnavailable() {
        TicketService tickets = TicketService.none();

        assertThat(tickets.print(TICKET)).isEqualTo(TicketService.NO_PRINTER);
        assertThat(tickets.configured()).isFalse();
        assertThat(TicketService.NO_PRINTER).hasToString("printer unavailable: no printer configured");
    }
}
