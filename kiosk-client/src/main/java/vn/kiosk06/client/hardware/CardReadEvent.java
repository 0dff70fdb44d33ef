package vn.kiosk06.client.hardware;

import com.google.protobuf.ByteString;
import java.util.HexFormat;
import vn.kiosk06.hardware.identity.CardReading;
import vn.kiosk06.proto.sync.v1.AgeGroup;
import vn.kiosk06.proto.sync.v1.CardRead;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.ReadOutcome;
import vn.kiosk06.proto.sync.v1.ReaderKind;
import vn.kiosk06.proto.sync.v1.Sex;

/** Maps a reader's {@link CardReading} to the {@code CardRead} event the journal keeps. Pure, stateless. */
public final class CardReadEvent {

    private CardReadEvent() {
    }

    /** The event for {@code reading}, with the payload only (the journal stamps seq, time and boot). */
    public static Event of(CardReading reading) {
        CardRead.Builder c = CardRead.newBuilder()
                .setReaderKind(switch (reading.readerKind()) {
                    case QR -> ReaderKind.READER_QR;
                    case CHIP -> ReaderKind.READER_CHIP;
                    case MANUAL -> ReaderKind.READER_MANUAL;
                })
                .setOutcome(reading.isOk() ? ReadOutcome.READ_OK : ReadOutcome.READ_FAILED);
        // The reason is an enum name (e.g. ID_NOT_12_DIGITS): it names the defect, never the value.
        reading.failure().ifPresent(f -> c.setFailureReason(f.name()));
        reading.citizenKey().ifPresent(k -> c.setCitizenKey(ByteString.copyFrom(HexFormat.of().parseHex(k.hex()))));
        reading.ageGroup().ifPresent(a -> c.setAgeGroup(switch (a) {
            case UNDER_6 -> AgeGroup.AGE_UNDER_6;
            case AGE_6_TO_13 -> AgeGroup.AGE_6_TO_13;
            case AGE_14_PLUS -> AgeGroup.AGE_14_PLUS;
        }));
        reading.sex().ifPresent(s -> c.setSex(switch (s) {
            case MALE -> Sex.MALE;
            case FEMALE -> Sex.FEMALE;
        }));
        return Event.newBuilder().setCardRead(c).build();
    }
}
