package vn.kiosk06.server.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;

/**
 * One batch of new events into PostgreSQL's events table by {@code COPY … FROM STDIN} in binary format, in the
 * round's transaction: the rows are all new (see {@link PostgresDialect#allNew}), so nothing needs ON CONFLICT.
 * Binary rather than text: text hex-encodes each body and boot id (two characters a byte), which the server then
 * decodes again — both sides paid per byte of every event (issue 16).
 *
 * <p>The format (PostgreSQL docs, "COPY", binary format): an 11-byte signature, flags and header-extension length
 * (both 0), then per row the field count and each field as its length and its bytes in network order (-1 for NULL),
 * then -1 as the trailer. Each value's bytes are the column type's binary form: bigint 8, integer 4, smallint 2,
 * bytea as is — so the column list below must match the table's types exactly (V1, V2).
 */
final class EventCopy {

    private static final String SQL = "COPY events (device, seq, kind, wall_ms, boot_id, mono_ns, received_ms, body, "
            + "corrected_ms, time_quality) FROM STDIN (FORMAT binary)";
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final short FIELDS = 10;

    private EventCopy() {
    }

    static void copy(Connection c, long device, long receivedMs, EventRows rows) throws SQLException {
        try {
            byte[] bytes = encode(device, receivedMs, rows);
            c.unwrap(PGConnection.class).getCopyAPI().copyIn(SQL, new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new SQLException("COPY of " + rows.size() + " events failed: " + e.getMessage(), e);
        }
    }

    /** The rows in COPY's binary format. */
    private static byte[] encode(long device, long receivedMs, EventRows rows) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(rows.size() * 160 + 32);
        DataOutputStream out = new DataOutputStream(buffer); // big-endian, as COPY wants
        out.write(SIGNATURE);
        out.writeInt(0); // flags: no OIDs
        out.writeInt(0); // no header extension
        for (int i = 0; i < rows.size(); i++) {
            IncomingEvent e = rows.event(i);
            out.writeShort(FIELDS);
            bigint(out, device);
            bigint(out, e.seq());
            out.writeInt(4);
            out.writeInt(e.kind());
            bigint(out, e.wallMs());
            bytea(out, e.bootId());
            bigint(out, e.monoNs());
            bigint(out, receivedMs);
            bytea(out, e.body());
            if (rows.known[i]) {
                bigint(out, rows.correctedMs[i]);
            } else {
                out.writeInt(-1); // NULL: the time is unknown
            }
            out.writeInt(2);
            out.writeShort(rows.quality[i]);
        }
        out.writeShort(-1);
        out.flush();
        return buffer.toByteArray();
    }

    private static void bigint(DataOutputStream out, long v) throws IOException {
        out.writeInt(8);
        out.writeLong(v);
    }

    private static void bytea(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length); // both columns are NOT NULL
        out.write(bytes);
    }
}
