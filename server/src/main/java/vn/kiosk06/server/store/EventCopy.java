package vn.kiosk06.server.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;

/**
 * One batch of new events into PostgreSQL's events table by {@code COPY … FROM STDIN} (text format), in the round's
 * transaction: the rows are all new (see {@link PostgresDialect#allNew}), so nothing needs ON CONFLICT.
 */
final class EventCopy {

    private static final String SQL = "COPY events (device, seq, kind, wall_ms, boot_id, mono_ns, received_ms, body, "
            + "corrected_ms, time_quality) FROM STDIN";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private EventCopy() {
    }

    static void copy(Connection c, long device, long receivedMs, EventRows rows) throws SQLException {
        StringBuilder text = new StringBuilder(rows.size() * 200);
        for (int i = 0; i < rows.size(); i++) {
            IncomingEvent e = rows.event(i);
            text.append(device).append('\t').append(e.seq()).append('\t').append(e.kind()).append('\t')
                    .append(e.wallMs()).append('\t');
            bytea(text, e.bootId());
            text.append('\t').append(e.monoNs()).append('\t').append(receivedMs).append('\t');
            bytea(text, e.body());
            text.append('\t');
            if (rows.known[i]) {
                text.append(rows.correctedMs[i]);
            } else {
                text.append("\\N");
            }
            text.append('\t').append(rows.quality[i]).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn(SQL, new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new SQLException("COPY of " + rows.size() + " events failed: " + e.getMessage(), e);
        }
    }

    /** bytea's hex input form, "\x…", its backslash doubled for COPY's text format. */
    private static void bytea(StringBuilder out, byte[] bytes) {
        if (bytes == null) {
            out.append("\\N");
            return;
        }
        out.append("\\\\x");
        for (byte b : bytes) {
            out.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
    }
}
