package vn.kiosk06.bench.workload;

import com.google.protobuf.ByteString;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Random;
import vn.kiosk06.proto.sync.v1.AgeGroup;
import vn.kiosk06.proto.sync.v1.CardRead;
import vn.kiosk06.proto.sync.v1.CaseType;
import vn.kiosk06.proto.sync.v1.DeviceHeartbeat;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.FieldActivity;
import vn.kiosk06.proto.sync.v1.FieldAssist;
import vn.kiosk06.proto.sync.v1.Payment;
import vn.kiosk06.proto.sync.v1.PaymentMethod;
import vn.kiosk06.proto.sync.v1.PaymentStatus;
import vn.kiosk06.proto.sync.v1.ReadOutcome;
import vn.kiosk06.proto.sync.v1.ReaderKind;
import vn.kiosk06.proto.sync.v1.Reception;
import vn.kiosk06.proto.sync.v1.SealedCitizenId;
import vn.kiosk06.proto.sync.v1.SealingKey;
import vn.kiosk06.proto.sync.v1.Sex;
import vn.kiosk06.proto.sync.v1.TransactionCodeCreated;
import vn.kiosk06.wire.EventRules;
import vn.kiosk06.wire.seal.CitizenIdSealer;
import vn.kiosk06.wire.seal.CitizenNumber;

/**
 * One simulated device's event stream, day after day, as its journal would hold it: schema version 1, seq dense
 * from 1, wall times seconds to minutes apart during opening hours, monotonic nanos consistent with them, and a
 * fresh 16-byte boot id each morning (the device is switched on at opening).
 *
 * <p>A kiosk day: patients read a card (about 5% of reads fail with a reason and are retried), are received as
 * insured (BHYT, about 97%) or fee-paying, get a transaction code and queue number, and fee-paying patients pay,
 * mostly by VietQR. A field day: a team reads a citizen's card (or not, when the citizen has none) and helps with
 * one to three activities. Both send a heartbeat every 15 minutes. Given the server's sealing key, citizens are
 * sealed as a device seals them ({@code SealedCitizenId}: one HPKE session per boot, i.e. per day, and the same seal
 * on each of a field citizen's activities), their numbers random; without it, citizen keys are random bytes
 * (incompressible), as HMAC outputs are — what devices sent before sealing.
 *
 * <p>Deterministic for a seed. Not thread-safe: one generator per device.
 */
public final class EventMix {

    /** What kind of device the stream comes from. */
    public enum Profile { KIOSK, FIELD }

    private static final ZoneId VIETNAM = ZoneOffset.ofHours(7);
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");
    private static final String[] DEPARTMENTS = {"NOI", "NOI", "NOI", "NGOAI", "NHI", "NHI", "SAN", "RHM"};
    private static final String[] READ_FAILURES = {"QR unreadable", "MRZ check digit mismatch", "chip read timeout",
            "card expired", "QR is not a CCCD, VNeID or BHYT code"};
    private static final String[] ORG_UNITS = {"Ấp 1, xã Dương Tơ", "Ấp 2, xã Dương Tơ", "Ấp 3, xã Dương Tơ",
            "Khu phố 5, đặc khu Phú Quốc", "Ấp Cửa Cạn, xã Cửa Dương"};
    private static final long HEARTBEAT_EVERY_MS = 15 * 60_000L;

    private final Profile profile;
    private final String deviceCode;
    private final Random random;
    private final ArrayDeque<Event> ready = new ArrayDeque<>();
    private final String team;
    private final String orgUnit;
    private final Optional<SealingKey> sealTo;
    private CitizenIdSealer sealer;
    private LocalDate day;
    private long closeMs;
    private long wallMs;
    private long bootWallMs;
    private long bootUptimeNs;
    private ByteString bootId;
    private long seq;
    private int queueNumber;
    private long nextHeartbeatMs;
    private long freeDisk = 24L << 30;

    /**
     * @param profile    kiosk or field device
     * @param deviceCode short code printed in transaction codes, e.g. "PQ01"
     * @param seed       random seed; the same seed gives the same stream
     * @param firstDay   the first simulated day
     */
    public EventMix(Profile profile, String deviceCode, long seed, LocalDate firstDay) {
        this(profile, deviceCode, seed, firstDay, Optional.empty());
    }

    /** As above, citizens sealed to {@code sealTo} (the server's current sealing key) when given. */
    public EventMix(Profile profile, String deviceCode, long seed, LocalDate firstDay, Optional<SealingKey> sealTo) {
        this.sealTo = sealTo;
        this.profile = profile;
        this.deviceCode = deviceCode;
        this.random = new Random(seed);
        this.team = "TCNS-AP" + (1 + random.nextInt(9));
        this.orgUnit = ORG_UNITS[random.nextInt(ORG_UNITS.length)];
        this.day = firstDay.minusDays(1);
        startDay();
    }

    /** The next event, complete as the journal stores it. */
    public Event next() {
        while (ready.isEmpty()) {
            if (wallMs >= closeMs) {
                startDay();
            }
            if (wallMs >= nextHeartbeatMs) {
                heartbeat();
            } else if (profile == Profile.KIOSK) {
                patient();
            } else {
                citizen();
            }
        }
        return ready.poll();
    }

    /** The seq of the last event handed out or queued (0 before the first). */
    public long lastSeq() {
        return seq;
    }

    /** An event with its envelope (seq, schema version, wall time, boot id, monotonic time) cleared. */
    public static Event content(Event e) {
        return e.toBuilder().clearSeq().clearSchemaVersion().clearWallTimeMs().clearBootId().clearMonotonicNanos().build();
    }

    private void startDay() {
        day = day.plusDays(1);
        long opening = day.atTime(profile == Profile.KIOSK ? 7 : 7, profile == Profile.KIOSK ? 0 : 30)
                .atZone(VIETNAM).toInstant().toEpochMilli();
        closeMs = day.atTime(17, 0).atZone(VIETNAM).toInstant().toEpochMilli();
        bootWallMs = opening + random.nextInt(10 * 60_000);
        bootUptimeNs = 20_000_000_000L + (long) random.nextInt(20_000) * 1_000_000L; // the app starts 20–40 s after boot
        byte[] boot = new byte[EventRules.BOOT_ID_BYTES];
        random.nextBytes(boot);
        bootId = ByteString.copyFrom(boot);
        sealer = sealTo.map(CitizenIdSealer::new).orElse(null); // a new boot, a new sealing session
        wallMs = bootWallMs + 1_000;
        queueNumber = 0;
        nextHeartbeatMs = wallMs;
    }

    private void patient() {
        advance(exponentialMs(60_000), 5_000);
        Optional<Citizen> read = cardRead(random.nextInt(100) < 70 ? ReaderKind.READER_QR
                : random.nextInt(100) < 85 ? ReaderKind.READER_CHIP : ReaderKind.READER_MANUAL);
        if (read.isEmpty()) {
            return; // gave up at the kiosk and went to the counter
        }
        advance(10_000 + random.nextInt(30_000), 0);
        boolean fee = random.nextInt(100) < 3;
        long receptionSeq = emit(Event.newBuilder().setReception(Reception.newBuilder()
                .setCaseType(fee ? CaseType.FEE : CaseType.BHYT)
                .setDepartment(DEPARTMENTS[random.nextInt(DEPARTMENTS.length)])));
        advance(300 + random.nextInt(1_200), 0);
        queueNumber++;
        String code = deviceCode + "-" + YYMMDD.format(day) + "-" + String.format("%04d", queueNumber);
        emit(Event.newBuilder().setTransactionCodeCreated(TransactionCodeCreated.newBuilder()
                .setCode(code).setReceptionSeq(receptionSeq).setQueueNumber(queueNumber)));
        if (fee) {
            advance(20_000 + random.nextInt(70_000), 0);
            int m = random.nextInt(100);
            PaymentMethod method = m < 85 ? PaymentMethod.QR : m < 95 ? PaymentMethod.CARD : PaymentMethod.CASH;
            int s = random.nextInt(100);
            PaymentStatus status = s < 92 ? PaymentStatus.CONFIRMED : s < 96 ? PaymentStatus.FAILED
                    : s < 98 ? PaymentStatus.CANCELLED : PaymentStatus.TIMED_OUT;
            String reference = switch (method) {
                case QR -> "KIOSK06 " + code + " THANH TOAN KHAM BENH"; // the VietQR transfer note
                case CARD -> String.format("POS %08X", random.nextInt());
                default -> "";
            };
            emit(Event.newBuilder().setPayment(Payment.newBuilder()
                    .setAmountVnd(random.nextInt(10) == 0 ? 100_000 : 50_000)
                    .setMethod(method).setStatus(status).setReference(reference)));
        }
    }

    private void citizen() {
        advance(3 * 60_000 + random.nextInt(12 * 60_000), 0);
        Optional<Citizen> citizen = Optional.empty();
        if (random.nextInt(100) < 90) {
            citizen = cardRead(random.nextInt(100) < 80 ? ReaderKind.READER_QR : ReaderKind.READER_CHIP);
        }
        AgeGroup age = ageGroup();
        EnumSet<FieldActivity> done = EnumSet.noneOf(FieldActivity.class);
        int activities = 1 + random.nextInt(3);
        while (done.size() < activities) {
            int a = random.nextInt(100);
            FieldActivity activity = a < 40 ? FieldActivity.VNEID_L2_ACTIVATION : a < 70 ? FieldActivity.BHYT_INTEGRATION
                    : a < 90 ? FieldActivity.EHEALTH_BOOK : FieldActivity.ONLINE_SERVICE_HELP;
            if (!done.add(activity)) {
                continue;
            }
            advance(60_000 + random.nextInt(5 * 60_000), 0);
            FieldAssist.Builder assist = FieldAssist.newBuilder()
                    .setActivity(activity).setTeam(team).setOrgUnit(orgUnit).setAgeGroup(age);
            citizen.ifPresent(c -> {
                if (c.sealed() != null) {
                    assist.setSealedCitizenId(c.sealed());
                } else {
                    assist.setCitizenKey(c.key());
                }
            });
            emit(Event.newBuilder().setFieldAssist(assist));
        }
    }

    /** How a read named the citizen: sealed (when a sealing key was given) or a random key. */
    private record Citizen(ByteString key, SealedCitizenId sealed) {
    }

    /** A read, retried after a failure; returns the citizen, or empty when every attempt failed. */
    private Optional<Citizen> cardRead(ReaderKind reader) {
        for (int attempt = 0; attempt < 3; attempt++) {
            if (attempt > 0) {
                advance(5_000 + random.nextInt(15_000), 0);
            }
            if (random.nextInt(100) < 5) {
                emit(Event.newBuilder().setCardRead(CardRead.newBuilder()
                        .setReaderKind(reader).setOutcome(ReadOutcome.READ_FAILED)
                        .setFailureReason(READ_FAILURES[random.nextInt(READ_FAILURES.length)])));
                continue;
            }
            CardRead.Builder ok = CardRead.newBuilder().setReaderKind(reader).setOutcome(ReadOutcome.READ_OK)
                    .setAgeGroup(ageGroup()).setSex(random.nextBoolean() ? Sex.MALE : Sex.FEMALE);
            Citizen citizen;
            if (sealer != null) {
                String id = String.format("%03d%d%02d%06d", random.nextInt(100), random.nextInt(4), random.nextInt(100),
                        random.nextInt(1_000_000));
                citizen = new Citizen(ByteString.EMPTY, sealer.seal(new CitizenNumber(CitizenNumber.Kind.PERSONAL_ID, id)));
                ok.setSealedCitizenId(citizen.sealed());
            } else {
                byte[] key = new byte[EventRules.CITIZEN_KEY_BYTES];
                random.nextBytes(key);
                citizen = new Citizen(ByteString.copyFrom(key), null);
                ok.setCitizenKey(citizen.key());
            }
            emit(Event.newBuilder().setCardRead(ok));
            return Optional.of(citizen);
        }
        return Optional.empty();
    }

    private void heartbeat() {
        freeDisk -= random.nextInt(1 << 20);
        emit(Event.newBuilder().setHeartbeat(DeviceHeartbeat.newBuilder()
                .setAppVersion("0.1.0").setBacklog(random.nextInt(40)).setFreeDiskBytes(freeDisk)));
        nextHeartbeatMs = wallMs + HEARTBEAT_EVERY_MS;
        advance(200 + random.nextInt(800), 0);
    }

    private AgeGroup ageGroup() {
        int a = random.nextInt(100);
        return a < 8 ? AgeGroup.AGE_UNDER_6 : a < 18 ? AgeGroup.AGE_6_TO_13 : AgeGroup.AGE_14_PLUS;
    }

    private long emit(Event.Builder event) {
        seq++;
        long mono = bootUptimeNs + (wallMs - bootWallMs) * 1_000_000L + random.nextInt(1_000_000);
        ready.add(event.setSeq(seq).setSchemaVersion(EventRules.SCHEMA_VERSION).setWallTimeMs(wallMs)
                .setBootId(bootId).setMonotonicNanos(mono).build());
        return seq;
    }

    private void advance(long ms, long min) {
        wallMs += Math.max(Math.max(ms, min), 1);
    }

    private long exponentialMs(long meanMs) {
        return (long) (-Math.log(1 - random.nextDouble()) * meanMs);
    }
}
