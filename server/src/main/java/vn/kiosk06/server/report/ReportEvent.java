package vn.kiosk06.server.report;

import java.util.Objects;
import java.util.Optional;
import vn.kiosk06.wire.AgeGroup;
import vn.kiosk06.wire.FieldActivity;

/**
 * A stored service event reduced to what the reports need; the store maps its rows to these plain
 * records so the report core needs no database. Immutable and thread-safe.
 */
public sealed interface ReportEvent {

    /** Where and when it happened. */
    EventOrigin origin();

    /** "Kiosk tiếp nhận … ca": a patient received at a kiosk. */
    record Reception(EventOrigin origin, CaseType caseType) implements ReportEvent {
        public Reception {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(caseType, "caseType");
        }
    }

    /** "Tạo mã giao dịch": a transaction code issued for a reception. */
    record TransactionCodeCreated(EventOrigin origin) implements ReportEvent {
        public TransactionCodeCreated {
            Objects.requireNonNull(origin, "origin");
        }
    }

    /** "Thanh toán qua Kiosk": a payment attempt; only confirmed ones count in the reports. */
    record Payment(EventOrigin origin, long amountVnd, boolean confirmed) implements ReportEvent {
        public Payment {
            Objects.requireNonNull(origin, "origin");
            if (amountVnd < 0) {
                throw new IllegalArgumentException("amountVnd must be ≥ 0, was " + amountVnd);
            }
        }
    }

    /** "Tra cứu": a card or QR look-up; {@code citizenKey} is the keyed hash, empty when the read failed. */
    record CardRead(EventOrigin origin, boolean ok, Optional<String> citizenKey) implements ReportEvent {
        public CardRead {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(citizenKey, "citizenKey");
        }
    }

    /** A field team's help to one citizen with one activity. */
    record FieldAssist(EventOrigin origin, FieldActivity activity, AgeGroup ageGroup, Optional<String> citizenKey)
            implements ReportEvent {
        public FieldAssist {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(activity, "activity");
            Objects.requireNonNull(ageGroup, "ageGroup");
            Objects.requireNonNull(citizenKey, "citizenKey");
        }
    }

    /** A device's periodic health report: proof of life, no figure of its own. */
    record Heartbeat(EventOrigin origin) implements ReportEvent {
        public Heartbeat {
            Objects.requireNonNull(origin, "origin");
        }
    }
}
