package vn.kiosk06.hardware.printer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;

/**
 * Encodes a {@link Ticket} as an ESC/POS byte stream: initialise, centred text, a double-size queue number, the
 * transaction code as text and as a native QR code ({@code GS ( k}: model 2, module size, error correction M,
 * store, print), then feed and cut ({@code GS V}). Also the status queries. Pure and thread-safe.
 */
public final class EscPos {
    static final byte ESC = 0x1B;
    static final byte GS = 0x1D;
    static final byte DLE = 0x10;
    static final byte EOT = 0x04;
    static final byte LF = 0x0A;

    /** DLE EOT 1: printer status (bit 3 = offline). */
    static final byte[] STATUS_PRINTER = {DLE, EOT, 1};
    /** DLE EOT 4: roll paper sensor (bits 2–3 = near end, bits 5–6 = paper end). */
    static final byte[] STATUS_PAPER = {DLE, EOT, 4};

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    private static final int QR_MODULE_SIZE = 6;

    private EscPos() {
    }

    /** The complete byte stream for one ticket. */
    public static byte[] ticket(Ticket ticket) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(new byte[] {ESC, '@'}); // initialise
        out.writeBytes(new byte[] {ESC, 'a', 1}); // centre
        out.writeBytes(new byte[] {ESC, 'E', 1});
        text(out, ticket.facilityName());
        out.writeBytes(new byte[] {ESC, 'E', 0});
        text(out, ticket.department());
        out.write(LF);
        text(out, "Số thứ tự");
        out.writeBytes(new byte[] {GS, '!', 0x11}); // double width and height
        text(out, ticket.queueNumber());
        out.writeBytes(new byte[] {GS, '!', 0x00});
        out.write(LF);
        text(out, "Mã giao dịch: " + ticket.transactionCode());
        text(out, ticket.issuedAt().format(WHEN));
        out.write(LF);
        qr(out, ticket.transactionCode());
        out.write(LF);
        out.writeBytes(new byte[] {GS, 'V', 66, 3}); // feed 3 lines, then partial cut
        return out.toByteArray();
    }

    private static void text(ByteArrayOutputStream out, String s) {
        out.writeBytes(AsciiFolding.fold(s).replace('\n', ' ').getBytes(StandardCharsets.US_ASCII));
        out.write(LF);
    }

    private static void qr(ByteArrayOutputStream out, String data) {
        byte[] payload = AsciiFolding.fold(data).getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(new byte[] {GS, '(', 'k', 4, 0, 49, 65, 50, 0}); // model 2
        out.writeBytes(new byte[] {GS, '(', 'k', 3, 0, 49, 67, QR_MODULE_SIZE}); // module size
        out.writeBytes(new byte[] {GS, '(', 'k', 3, 0, 49, 69, 49}); // error correction M
        int len = payload.length + 3;
        out.writeBytes(new byte[] {GS, '(', 'k', (byte) (len & 0xFF), (byte) (len >> 8), 49, 80, 48}); // store
        out.writeBytes(payload);
        out.writeBytes(new byte[] {GS, '(', 'k', 3, 0, 49, 81, 48}); // print
    }

    /** True if {@code b} has the fixed bits every DLE EOT reply carries (bit 1 and 4 set, bit 0 and 7 clear). */
    static boolean isStatusByte(int b) {
        return (b & 0x93) == 0x12;
    }
}
