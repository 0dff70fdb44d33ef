package vn.kiosk06.server;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import vn.kiosk06.proto.sync.v1.CaseType;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.EventBatch;
import vn.kiosk06.proto.sync.v1.Payment;
import vn.kiosk06.proto.sync.v1.PaymentMethod;
import vn.kiosk06.proto.sync.v1.PaymentStatus;
import vn.kiosk06.proto.sync.v1.Reception;

/** Valid events as a device would journal them, for server tests. */
public final class TestEvents {

    public static final ByteString BOOT = ByteString.copyFrom(new byte[16]);
    private static final long T0 = 1_781_000_000_000L;

    private TestEvents() {
    }

    public static Event reception(long seq) {
        return envelope(seq).setReception(Reception.newBuilder().setCaseType(CaseType.BHYT).setDepartment("NOI")).build();
    }

    public static Event payment(long seq, long amountVnd) {
        return envelope(seq).setPayment(Payment.newBuilder().setAmountVnd(amountVnd).setMethod(PaymentMethod.QR)
                .setStatus(PaymentStatus.CONFIRMED).setReference("KIOSK06 T" + seq)).build();
    }

    public static Event.Builder envelope(long seq) {
        return Event.newBuilder().setSeq(seq).setSchemaVersion(1).setWallTimeMs(T0 + seq * 1000)
                .setBootId(BOOT).setMonotonicNanos(seq * 1_000_000_000L);
    }

    /** Receptions with seqs {@code first..last}. */
    public static EventBatch batch(String device, long first, long last) {
        List<Event> events = new ArrayList<>();
        for (long s = first; s <= last; s++) {
            events.add(reception(s));
        }
        return EventBatch.newBuilder().setDeviceId(device).addAllEvents(events).build();
    }
}
