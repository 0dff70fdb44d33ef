package vn.kiosk06.client.hardware;

import com.google.protobuf.ByteString;
import java.util.HexFormat;
import vn.kiosk06.hardware.identity.BhytNumber;
import vn.kiosk06.hardware.identity.CardReading;
import vn.kiosk06.hardware.identity.CitizenProtector;
import vn.kiosk06.hardware.identity.ProtectedCitizen;
import vn.kiosk06.proto.sync.v1.AgeGroup;
import vn.kiosk06.proto.sync.v1.CardRead;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.ReadOutcome;
import vn.kiosk06.proto.sync.v1.ReaderKind;
import vn.kiosk06.proto.sync.v1.Sex;
import vn.kiosk06.wire.seal.CitizenNumber;

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
        reading.citizen().ifPresent(citizen -> identify(c, citizen));
        reading.ageGroup().ifPresent(a -> c.setAgeGroup(switch (a) {
            case AGE_UNDER_6 -> AgeGroup.AGE_UNDER_6;
            case AGE_6_TO_13 -> AgeGroup.AGE_6_TO_13;
            case AGE_14_PLUS -> AgeGroup.AGE_14_PLUS;
        }));
        reading.sex().ifPresent(s -> c.setSex(switch (s) {
            case MALE -> Sex.MALE;
            case FEMALE -> Sex.FEMALE;
        }));
        return Event.newBuilder().setCardRead(c).build();
    }

    /**
     * The event for a BHYT number typed at the kiosk: a manual, successful read identified by the number's 10-digit
     * social-insurance part (as a scanned BHYT card is), with no age group or sex — a typed number tells neither.
     */
    public static Event typed(BhytNumber number, CitizenProtector protector) {
        CardRead.Builder c = CardRead.newBuilder()
                .setReaderKind(ReaderKind.READER_MANUAL)
                .setOutcome(ReadOutcome.READ_OK);
        identify(c, protector.protect(new CitizenNumber(CitizenNumber.Kind.SOCIAL_INSURANCE, number.socialInsuranceNumber())));
        return Event.newBuilder().setCardRead(c).build();
    }

    private static void identify(CardRead.Builder c, ProtectedCitizen citizen) {
        if (citizen instanceof ProtectedCitizen.Sealed sealed) {
            c.setSealedCitizenId(sealed.id());
        } else if (citizen instanceof ProtectedCitizen.Keyed keyed) {
            c.setCitizenKey(ByteString.copyFrom(HexFormat.of().parseHex(keyed.key().hex())));
        }
    }
}
