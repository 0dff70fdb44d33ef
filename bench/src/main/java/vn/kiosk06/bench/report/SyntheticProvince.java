package vn.kiosk06.bench.report;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import vn.kiosk06.proto.sync.v1.AgeGroup;
import vn.kiosk06.proto.sync.v1.CardRead;
import vn.kiosk06.proto.sync.v1.CaseType;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.FieldActivity;
import vn.kiosk06.proto.sync.v1.FieldAssist;
import vn.kiosk06.proto.sync.v1.Payment;
import vn.kiosk06.proto.sync.v1.PaymentMethod;
import vn.kiosk06.proto.sync.v1.PaymentStatus;
import vn.kiosk06.proto.sync.v1.ReadOutcome;
import vn.kiosk06.proto.sync.v1.ReaderKind;
import vn.kiosk06.proto.sync.v1.Reception;
import vn.kiosk06.proto.sync.v1.TransactionCodeCreated;
import vn.kiosk06.server.orgunit.OrgUnit;
import vn.kiosk06.server.orgunit.OrgUnitLevel;
import vn.kiosk06.server.orgunit.OrgUnitTree;
import vn.kiosk06.server.store.ClockMeasurementRow;
import vn.kiosk06.server.report.rollup.EventFacts;
import vn.kiosk06.server.store.IncomingEvent;
import vn.kiosk06.server.store.IngestBatch;

/**
 * A synthetic province for the report benchmark: 1 province, {@code wards} wards and facilities up to {@code units}
 * non-device units, with {@code devices} devices spread over the facilities (one in ten a field team's handheld).
 * Each device runs one boot for the whole span with a correct clock and one clock measurement, so every event gets
 * a measured time, and logs about the same number of events each day between 07:00 and 17:00. Kiosk events cycle
 * card read → reception → transaction code (→ payment for fee-paying patients); field events are a card read and an
 * assist. Citizens come from a pool of a million keys. Deterministic for a seed.
 */
final class SyntheticProvince {

    static final ZoneId HCM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final int CITIZENS = 1_000_000;

    final OrgUnitTree tree;
    final List<String> devices = new ArrayList<>();
    final LocalDate firstDay;
    final LocalDate lastDay;
    private final long eventsPerDeviceDay;

    SyntheticProvince(int devices, int units, long events, LocalDate lastDay, int days) {
        this.lastDay = lastDay;
        this.firstDay = lastDay.minusDays(days - 1L);
        this.eventsPerDeviceDay = Math.max(1, events / ((long) devices * days));
        List<OrgUnit> list = new ArrayList<>();
        list.add(new OrgUnit("P", "Tỉnh Mô Phỏng", OrgUnitLevel.PROVINCE, Optional.empty(), Optional.empty()));
        int wards = Math.max(1, units / 10);
        for (int w = 0; w < wards; w++) {
            list.add(new OrgUnit("W" + w, "Phường " + w, OrgUnitLevel.WARD, Optional.of("P"), Optional.empty()));
        }
        int facilities = Math.max(1, units - 1 - wards);
        for (int f = 0; f < facilities; f++) {
            list.add(new OrgUnit("F" + f, "Cơ sở y tế " + f, OrgUnitLevel.FACILITY, Optional.of("W" + (f % wards)),
                    Optional.empty()));
        }
        for (int d = 0; d < devices; d++) {
            String code = "dev-" + d;
            this.devices.add(code);
            list.add(new OrgUnit(code, "Thiết bị " + d, OrgUnitLevel.DEVICE, Optional.of("F" + (d % facilities)),
                    Optional.of(firstDay)));
        }
        this.tree = OrgUnitTree.of(list);
    }

    long eventsPerDeviceDay() {
        return eventsPerDeviceDay;
    }

    /** Device {@code d}'s batches for days {@code fromDay..toDay} (indices from the first day). */
    IngestBatch batch(int d, int fromDay, int toDay, long firstSeq, long receivedMs, Random random) {
        boolean field = d % 10 == 9;
        byte[] boot = ByteBuffer.allocate(16).putLong(0x6b696f736b303600L).putLong(d + 1L).array();
        long bootWall = firstDay.atStartOfDay(HCM).toInstant().toEpochMilli() - 3_600_000L;
        List<ClockMeasurementRow> samples = firstSeq == 1
                ? List.of(new ClockMeasurementRow(boot, 0, bootWall, bootWall + 40, bootWall + 45, bootWall + 90))
                : List.of();
        List<IncomingEvent> events = new ArrayList<>();
        long seq = firstSeq;
        ByteString bootId = ByteString.copyFrom(boot);
        for (int day = fromDay; day <= toDay; day++) {
            long open = firstDay.plusDays(day).atTime(7, 0).atZone(HCM).toInstant().toEpochMilli();
            long step = 36_000_000L / eventsPerDeviceDay;
            ByteString citizen = null;
            boolean fee = false;
            for (long i = 0; i < eventsPerDeviceDay; i++, seq++) {
                long wall = open + i * step + random.nextInt((int) Math.min(step, 60_000));
                Event.Builder e = Event.newBuilder().setSeq(seq).setSchemaVersion(1).setWallTimeMs(wall)
                        .setBootId(bootId).setMonotonicNanos((wall - bootWall) * 1_000_000L);
                int phase = (int) (i % (field ? 2 : 4));
                if (phase == 0) {
                    citizen = key(random.nextInt(CITIZENS));
                    boolean ok = random.nextInt(20) != 0;
                    CardRead.Builder read = CardRead.newBuilder().setReaderKind(ReaderKind.READER_QR)
                            .setOutcome(ok ? ReadOutcome.READ_OK : ReadOutcome.READ_FAILED).setAgeGroup(AgeGroup.AGE_14_PLUS);
                    if (ok) {
                        read.setCitizenKey(citizen);
                    } else {
                        read.setFailureReason("QR unreadable");
                    }
                    e.setCardRead(read);
                } else if (field) {
                    e.setFieldAssist(FieldAssist.newBuilder()
                            .setActivity(FieldActivity.forNumber(1 + random.nextInt(4)))
                            .setAgeGroup(AgeGroup.forNumber(1 + random.nextInt(3)))
                            .setTeam("TCNS-" + d).setOrgUnit("Ấp " + (d % 7)).setCitizenKey(citizen));
                } else if (phase == 1) {
                    fee = random.nextInt(30) == 0;
                    e.setReception(Reception.newBuilder().setCaseType(fee ? CaseType.FEE : CaseType.BHYT).setDepartment("NOI"));
                } else if (phase == 2) {
                    e.setTransactionCodeCreated(TransactionCodeCreated.newBuilder().setCode("D" + d + "-" + seq)
                            .setReceptionSeq(seq - 1).setQueueNumber((int) (i / 4) + 1));
                } else {
                    e.setPayment(Payment.newBuilder().setAmountVnd(fee ? 50_000 : 0).setMethod(PaymentMethod.QR)
                            .setStatus(fee ? PaymentStatus.CONFIRMED : PaymentStatus.CANCELLED).setReference("T" + seq));
                }
                Event built = e.build();
                events.add(new IncomingEvent(seq, built.getPayloadCase().getNumber(), wall, boot,
                        built.getMonotonicNanos(), built.toByteArray(), EventFacts.of(built)));
            }
        }
        return new IngestBatch(devices.get(d), events, List.of(), samples, receivedMs);
    }

    private static ByteString key(int citizen) {
        return ByteString.copyFrom(ByteBuffer.allocate(16).putLong(0x5eed_0000_0000_0000L ^ (citizen * 0x9E3779B97F4A7C15L))
                .putLong(citizen).array());
    }
}
