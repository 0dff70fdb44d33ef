package vn.kiosk06.wire;

import com.google.protobuf.ByteString;
import java.util.Optional;
import vn.kiosk06.proto.sync.v1.CardRead;
import vn.kiosk06.proto.sync.v1.DeviceHeartbeat;
import vn.kiosk06.proto.sync.v1.JournalSalvaged;
import vn.kiosk06.proto.sync.v1.SeqRange;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.FieldAssist;
import vn.kiosk06.proto.sync.v1.Payment;
import vn.kiosk06.proto.sync.v1.ReadOutcome;
import vn.kiosk06.proto.sync.v1.ReaderKind;
import vn.kiosk06.proto.sync.v1.SealedCitizenId;
import vn.kiosk06.proto.sync.v1.Reception;
import vn.kiosk06.proto.sync.v1.TransactionCodeCreated;
import vn.kiosk06.proto.sync.v1.VoidEvent;

/**
 * The rules every event must satisfy, shared by the device (which refuses a bad event before it is journaled)
 * and the server (which quarantines one that arrives anyway). Each rule's message names the field, the bad
 * value and what was expected, so that a technician reading a log or a quarantine row knows what to fix.
 *
 * <p>Stateless and thread-safe.
 */
public final class EventRules {

    /** The payload schema version this build writes and understands. */
    public static final int SCHEMA_VERSION = 1;
    /** Length of a citizen key: HMAC-SHA256 truncated to 128 bits. */
    public static final int CITIZEN_KEY_BYTES = 16;
    /** Bytes of a sealed citizen id's HPKE encapsulated key (X25519). */
    public static final int SEALED_ENC_BYTES = 32;
    /** Bytes of a sealed citizen id's ciphertext: 6 bytes of number and a 16-byte AES-GCM tag. */
    public static final int SEALED_CIPHERTEXT_BYTES = 22;
    /** Length of a boot id. */
    public static final int BOOT_ID_BYTES = 16;
    /** Length of a previous-event hash (SHA-256). */
    public static final int PREV_HASH_BYTES = 32;
    /** Largest payment the kiosk can take, in VND: a guard against a misplaced decimal point, not a policy. */
    public static final long MAX_AMOUNT_VND = 10_000_000_000L;

    private static final int MAX_TEXT = 64;
    private static final int MAX_REASON = 200;
    private static final int MAX_DEVICE_ID = 64;
    private static final int MAX_CODE = 32;
    // A run of 9+ digits is what a CMND (9) or CCCD (12) number looks like. Free-text fields never need one,
    // so refusing it keeps a mis-typed ID out of the journal, the wire and the server.
    private static final int ID_LIKE_DIGITS = 9;

    private EventRules() {
    }

    /** Returns why {@code deviceId} is not acceptable, or empty when it is. */
    public static Optional<String> checkDeviceId(String deviceId) {
        if (!isIdentifier(deviceId, MAX_DEVICE_ID)) {
            return Optional.of("device_id must be 1–64 characters of [A-Za-z0-9._-], was '" + printable(deviceId) + "'");
        }
        return Optional.empty();
    }

    /**
     * {@code s} is 1..{@code max} characters of [A-Za-z0-9._-]. A loop, not a regex: it runs for every event the
     * server ingests, and a matcher per event showed in the ingest profile (issue 16).
     */
    static boolean isIdentifier(String s, int max) {
        if (s.isEmpty() || s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Returns the first problem with a complete event (envelope and payload), or empty when it is valid. */
    public static Optional<String> check(Event event) {
        if (event.getSeq() < 1) {
            return Optional.of("seq must be ≥ 1, was " + Long.toUnsignedString(event.getSeq()));
        }
        return checkContent(event);
    }

    /**
     * Returns the first problem with an event's content, ignoring its seq (which the journal assigns after
     * this check), or empty when it is valid.
     */
    public static Optional<String> checkContent(Event event) {
        if (!event.getUnknownFields().asMap().isEmpty()) {
            return Optional.of("unknown event kind or field (field numbers " + event.getUnknownFields().asMap().keySet()
                    + "); this server understands schema version " + SCHEMA_VERSION);
        }
        if (event.getSchemaVersion() != SCHEMA_VERSION) {
            return Optional.of("schema_version must be " + SCHEMA_VERSION + ", was " + event.getSchemaVersion());
        }
        if (event.getBootId().size() != BOOT_ID_BYTES) {
            return Optional.of("boot_id must be " + BOOT_ID_BYTES + " bytes, was " + event.getBootId().size());
        }
        if (event.getMonotonicNanos() < 0) {
            return Optional.of("monotonic_nanos must be ≥ 0, was " + event.getMonotonicNanos());
        }
        if (!event.getPrevHash().isEmpty() && event.getPrevHash().size() != PREV_HASH_BYTES) {
            return Optional.of("prev_hash must be empty (an event from before the hash chain) or " + PREV_HASH_BYTES
                    + " bytes (SHA-256 of the previous event), was " + event.getPrevHash().size() + " bytes");
        }
        if (!event.getJournaledSha256().isEmpty() && event.getJournaledSha256().size() != PREV_HASH_BYTES) {
            return Optional.of("journaled_sha256 must be empty or " + PREV_HASH_BYTES + " bytes, was "
                    + event.getJournaledSha256().size());
        }
        return switch (event.getPayloadCase()) {
            case RECEPTION -> reception(event.getReception());
            case TRANSACTION_CODE_CREATED -> transactionCode(event.getTransactionCodeCreated(), event.getSeq());
            case PAYMENT -> payment(event.getPayment());
            case CARD_READ -> cardRead(event.getCardRead());
            case FIELD_ASSIST -> fieldAssist(event.getFieldAssist());
            case HEARTBEAT -> heartbeat(event.getHeartbeat());
            case JOURNAL_SALVAGED -> journalSalvaged(event.getJournalSalvaged());
            case VOID_EVENT -> voidEvent(event.getVoidEvent(), event.getSeq());
            case PAYLOAD_NOT_SET -> Optional.of("event has no payload: expected one of reception, "
                    + "transaction_code_created, payment, card_read, field_assist, heartbeat, journal_salvaged, void_event");
        };
    }

    private static Optional<String> reception(Reception r) {
        return firstOf(
                enumSet("reception.case_type", r.getCaseTypeValue(), r.getCaseType().name()),
                text("reception.department", r.getDepartment(), true, MAX_TEXT),
                unknownFields("reception", r.getUnknownFields()));
    }

    private static Optional<String> transactionCode(TransactionCodeCreated t, long seq) {
        if (!isIdentifier(t.getCode(), MAX_CODE)) {
            return Optional.of("transaction_code_created.code must be 1–32 characters of [A-Za-z0-9._-], was '"
                    + printable(t.getCode()) + "'");
        }
        if (t.getReceptionSeq() < 1 || (seq > 0 && t.getReceptionSeq() >= seq)) {
            return Optional.of("transaction_code_created.reception_seq must point to an earlier event (1.."
                    + (seq > 0 ? seq - 1 : "seq-1") + "), was " + t.getReceptionSeq());
        }
        return firstOf(text("transaction_code_created.code", t.getCode(), true, 32),
                unknownFields("transaction_code_created", t.getUnknownFields()));
    }

    private static Optional<String> payment(Payment p) {
        if (p.getAmountVnd() < 0) {
            return Optional.of("payment.amount_vnd must be ≥ 0, was " + p.getAmountVnd());
        }
        if (p.getAmountVnd() > MAX_AMOUNT_VND) {
            return Optional.of("payment.amount_vnd must be ≤ " + MAX_AMOUNT_VND + ", was " + p.getAmountVnd());
        }
        return firstOf(
                enumSet("payment.method", p.getMethodValue(), p.getMethod().name()),
                enumSet("payment.status", p.getStatusValue(), p.getStatus().name()),
                text("payment.reference", p.getReference(), false, MAX_TEXT),
                unknownFields("payment", p.getUnknownFields()));
    }

    private static Optional<String> cardRead(CardRead c) {
        Optional<String> basic = firstOf(
                enumSet("card_read.reader_kind", c.getReaderKindValue(), c.getReaderKind().name()),
                enumSet("card_read.outcome", c.getOutcomeValue(), c.getOutcome().name()),
                text("card_read.failure_reason", c.getFailureReason(), false, MAX_REASON),
                unknownFields("card_read", c.getUnknownFields()));
        if (basic.isPresent()) {
            return basic;
        }
        Optional<String> identity = identity("card_read", c.getCitizenKey(), c.hasSealedCitizenId(), c.getSealedCitizenId());
        if (identity.isPresent()) {
            return identity;
        }
        if (c.getOutcome() == ReadOutcome.READ_OK) {
            if (c.getCitizenKey().isEmpty() && !c.hasSealedCitizenId()) {
                return Optional.of("card_read needs sealed_citizen_id (or citizen_key, " + CITIZEN_KEY_BYTES
                        + " bytes) for a successful read, had neither");
            }
            // A typed BHYT number says nothing about age: only reads of a card (QR, chip) must carry the age group.
            if (c.getReaderKind() == ReaderKind.READER_MANUAL) {
                return Optional.empty();
            }
            return enumSet("card_read.age_group", c.getAgeGroupValue(), c.getAgeGroup().name());
        }
        if (c.getFailureReason().isBlank()) {
            return Optional.of("card_read.failure_reason is required when outcome is READ_FAILED");
        }
        if (c.hasSealedCitizenId()) {
            return Optional.of("card_read.sealed_citizen_id must be unset when outcome is READ_FAILED");
        }
        return Optional.empty();
    }

    private static Optional<String> fieldAssist(FieldAssist f) {
        return firstOf(
                enumSet("field_assist.activity", f.getActivityValue(), f.getActivity().name()),
                text("field_assist.team", f.getTeam(), true, MAX_TEXT),
                text("field_assist.org_unit", f.getOrgUnit(), true, MAX_TEXT),
                enumSet("field_assist.age_group", f.getAgeGroupValue(), f.getAgeGroup().name()),
                identity("field_assist", f.getCitizenKey(), f.hasSealedCitizenId(), f.getSealedCitizenId()),
                unknownFields("field_assist", f.getUnknownFields()));
    }

    private static Optional<String> voidEvent(VoidEvent v, long seq) {
        if (v.getVoidedSeq() < 1 || (seq > 0 && v.getVoidedSeq() >= seq)) {
            return Optional.of("void_event.voided_seq must point to an earlier event of this device (1.."
                    + (seq > 0 ? seq - 1 : "seq-1") + "), was " + v.getVoidedSeq());
        }
        return firstOf(enumSet("void_event.reason", v.getReasonValue(), v.getReason().name()),
                unknownFields("void_event", v.getUnknownFields()));
    }

    /**
     * Returns why the event a void names cannot be voided, or empty when it can. Only what the reports count as
     * a person's visit, payment or help can be taken back: a heartbeat or a card read records what the device saw,
     * and a void is itself the correction.
     *
     * @param voidedSeq the seq the void names
     * @param target    that event of the same device, empty when there is none
     */
    public static Optional<String> checkVoidTarget(long voidedSeq, Optional<Event> target) {
        if (target.isEmpty()) {
            return Optional.of("void_event.voided_seq " + voidedSeq + " names no event of this device");
        }
        return switch (target.get().getPayloadCase()) {
            case RECEPTION, TRANSACTION_CODE_CREATED, PAYMENT, FIELD_ASSIST -> Optional.empty();
            case VOID_EVENT -> Optional.of("void_event.voided_seq " + voidedSeq + " is itself a void; a void cannot be voided");
            case HEARTBEAT -> Optional.of("void_event.voided_seq " + voidedSeq + " is a heartbeat, which cannot be voided");
            case JOURNAL_SALVAGED -> Optional.of("void_event.voided_seq " + voidedSeq
                    + " records a journal salvage, which cannot be voided");
            case CARD_READ -> Optional.of("void_event.voided_seq " + voidedSeq
                    + " is a card read, which records what the reader saw and cannot be voided");
            case PAYLOAD_NOT_SET -> Optional.of("void_event.voided_seq " + voidedSeq + " names an event with no payload");
        };
    }

    private static Optional<String> heartbeat(DeviceHeartbeat h) {
        return firstOf(text("heartbeat.app_version", h.getAppVersion(), true, 32),
                unknownFields("heartbeat", h.getUnknownFields()));
    }

    private static Optional<String> journalSalvaged(JournalSalvaged j) {
        long after = 0;
        for (SeqRange r : j.getLostList()) {
            if (r.getFirst() < 1 || r.getLast() < r.getFirst() || r.getFirst() <= after) {
                return Optional.of("journal_salvaged.lost must be ascending, non-overlapping ranges with 1 ≤ first ≤ "
                        + "last, was " + r.getFirst() + "–" + r.getLast() + " after " + after);
            }
            after = r.getLast();
        }
        return firstOf(text("journal_salvaged.damaged_file", j.getDamagedFile(), true, MAX_TEXT),
                text("journal_salvaged.reason", j.getReason(), true, MAX_TEXT),
                unknownFields("journal_salvaged", j.getUnknownFields()));
    }

    private static Optional<String> enumSet(String field, int value, String name) {
        if (value == 0) {
            return Optional.of(field + " is required");
        }
        if ("UNRECOGNIZED".equals(name)) {
            return Optional.of(field + " has unknown value " + value);
        }
        return Optional.empty();
    }

    private static Optional<String> text(String field, String value, boolean required, int max) {
        if (required && value.isBlank()) {
            return Optional.of(field + " is required");
        }
        if (value.length() > max) {
            return Optional.of(field + " must be at most " + max + " characters, was " + value.length());
        }
        // One pass, no regex: the server checks every text field of every event it ingests.
        int digits = 0;
        boolean control = false;
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            digits = ch >= '0' && ch <= '9' ? digits + 1 : 0;
            if (digits >= ID_LIKE_DIGITS) {
                return Optional.of(field + " contains a run of 9 or more digits, which looks like a personal ID number;"
                        + " personal data must not be logged");
            }
            control |= ch < 0x20;
        }
        return control ? Optional.of(field + " contains control characters") : Optional.empty();
    }

    /** A citizen is named at most once: by a sealed id (from a device) or a keyed hash (stored, or legacy). */
    private static Optional<String> identity(String message, ByteString key, boolean sealed, SealedCitizenId id) {
        if (!key.isEmpty() && key.size() != CITIZEN_KEY_BYTES) {
            return Optional.of(message + ".citizen_key must be empty or " + CITIZEN_KEY_BYTES + " bytes, was " + key.size());
        }
        if (!sealed) {
            return Optional.empty();
        }
        if (!key.isEmpty()) {
            return Optional.of(message + " has both citizen_key and sealed_citizen_id; a citizen is named once");
        }
        if (id.getKeyId() < 1) {
            return Optional.of(message + ".sealed_citizen_id.key_id must be ≥ 1, was " + Integer.toUnsignedString(id.getKeyId()));
        }
        if (id.getEnc().size() != SEALED_ENC_BYTES) {
            return Optional.of(message + ".sealed_citizen_id.enc must be " + SEALED_ENC_BYTES + " bytes, was " + id.getEnc().size());
        }
        if (id.getCiphertext().size() != SEALED_CIPHERTEXT_BYTES) {
            return Optional.of(message + ".sealed_citizen_id.ciphertext must be " + SEALED_CIPHERTEXT_BYTES + " bytes, was "
                    + id.getCiphertext().size());
        }
        return unknownFields(message + ".sealed_citizen_id", id.getUnknownFields());
    }

    private static Optional<String> unknownFields(String message, com.google.protobuf.UnknownFieldSet unknown) {
        if (!unknown.asMap().isEmpty()) {
            return Optional.of(message + " has fields this schema does not know (numbers " + unknown.asMap().keySet() + ")");
        }
        return Optional.empty();
    }

    @SafeVarargs
    private static Optional<String> firstOf(Optional<String>... checks) {
        for (Optional<String> c : checks) {
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "…" : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
