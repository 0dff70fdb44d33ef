package vn.kiosk06.e2e;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import vn.kiosk06.proto.sync.v1.Event;

/**
 * What a journal or a server store holds for one device, read straight from its SQLite file: the events by seq,
 * so the two sides can be compared by count, highest seq and a digest of every event's bytes.
 */
record StoreContents(Map<Long, byte[]> events) {

    long count() {
        return events.size();
    }

    long maxSeq() {
        return events.isEmpty() ? 0 : ((TreeMap<Long, byte[]>) events).lastKey();
    }

    boolean dense() {
        return events.isEmpty() || (maxSeq() == count() && ((TreeMap<Long, byte[]>) events).firstKey() == 1);
    }

    String digest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            events.forEach((seq, body) -> {
                sha.update(Long.toString(seq).getBytes());
                sha.update(body);
            });
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A digest of what each event was when the device journaled it: where the server opened a sealed citizen id it
     * stores a keyed hash instead of the ciphertext, so its bytes differ from the journal's, and it keeps the SHA-256
     * of the journaled bytes in {@code journaled_sha256}; other events are compared by the SHA-256 of their bytes.
     */
    String journaledDigest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<Long, byte[]> e : events.entrySet()) {
                com.google.protobuf.ByteString journaled = Event.parseFrom(e.getValue()).getJournaledSha256();
                sha.update(Long.toString(e.getKey()).getBytes());
                sha.update(journaled.isEmpty() ? MessageDigest.getInstance("SHA-256").digest(e.getValue())
                        : journaled.toByteArray());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    Event event(long seq) throws com.google.protobuf.InvalidProtocolBufferException {
        return Event.parseFrom(events.get(seq));
    }

    static StoreContents ofJournal(Path journalFile) throws SQLException {
        return read(journalFile, "SELECT seq, body FROM events ORDER BY seq", null);
    }

    static StoreContents ofServer(Path storeFile, String deviceId) throws SQLException {
        return read(storeFile, "SELECT e.seq, e.body FROM events e JOIN devices d ON d.id = e.device "
                + "WHERE d.device_id = ? ORDER BY e.seq", deviceId);
    }

    private static StoreContents read(Path file, String sql, String arg) throws SQLException {
        TreeMap<Long, byte[]> events = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
             PreparedStatement p = c.prepareStatement(sql)) {
            if (arg != null) {
                p.setString(1, arg);
            }
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    events.put(rs.getLong(1), rs.getBytes(2));
                }
            }
        }
        return new StoreContents(events);
    }
}
