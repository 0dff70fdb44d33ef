package vn.kiosk06.server.report;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import vn.kiosk06.wire.AgeGroup;
import vn.kiosk06.wire.FieldActivity;

/**
 * The figures of one org unit (with everything under it) for one period: what a steering committee
 * reports. Immutable and thread-safe; {@link ReportService} builds one with {@link #builder()} from the store's
 * per-day rollups and its exact distinct-citizen count.
 *
 * @param receptions        kiosk receptions ("Kiosk tiếp nhận … ca"), = BHYT + fee
 * @param receptionsBhyt    receptions of insured (BHYT) patients
 * @param receptionsFee     receptions of fee-paying patients ("thu phí")
 * @param transactionCodes  transaction codes created ("tạo mã giao dịch")
 * @param payments          confirmed payments at a kiosk ("thanh toán qua Kiosk … ca")
 * @param paymentsVnd       total of the confirmed payments, in đồng
 * @param cardReadsOk       successful card / QR look-ups ("tra cứu thành công")
 * @param cardReads         all card / QR look-ups, ≥ {@code cardReadsOk}
 * @param fieldAssists      field-team assists by activity and age group
 * @param uniqueCitizens    distinct citizens (by keyed hash) served by any event; <b>not additive</b>,
 *                          see {@link #plus}
 * @param activeDevices     devices (kiosks, handhelds) with at least one event in the period
 * @param silentDevices     live devices with no event for more than the configured number of days
 * @param timeUnknown       events whose time is unknown, so they are in no period (reported apart)
 */
public record Indicators(
        long receptions,
        long receptionsBhyt,
        long receptionsFee,
        long transactionCodes,
        long payments,
        long paymentsVnd,
        long cardReadsOk,
        long cardReads,
        FieldAssistCounts fieldAssists,
        long uniqueCitizens,
        long activeDevices,
        long silentDevices,
        long timeUnknown) {

    /** All figures zero. */
    public static final Indicators ZERO = builder().build();

    public Indicators {
        nonNegative("receptions", receptions);
        nonNegative("receptionsBhyt", receptionsBhyt);
        nonNegative("receptionsFee", receptionsFee);
        nonNegative("transactionCodes", transactionCodes);
        nonNegative("payments", payments);
        nonNegative("paymentsVnd", paymentsVnd);
        nonNegative("cardReadsOk", cardReadsOk);
        nonNegative("cardReads", cardReads);
        nonNegative("uniqueCitizens", uniqueCitizens);
        nonNegative("activeDevices", activeDevices);
        nonNegative("silentDevices", silentDevices);
        nonNegative("timeUnknown", timeUnknown);
        Objects.requireNonNull(fieldAssists, "fieldAssists");
        if (receptionsBhyt + receptionsFee != receptions) {
            throw new IllegalArgumentException("receptions must equal BHYT + fee = "
                    + (receptionsBhyt + receptionsFee) + ", was " + receptions);
        }
        if (cardReadsOk > cardReads) {
            throw new IllegalArgumentException(
                    "cardReadsOk must be ≤ cardReads " + cardReads + ", was " + cardReadsOk);
        }
    }

    private static void nonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be ≥ 0, was " + value);
        }
    }

    /** A builder with every figure zero. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these figures. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.receptionsBhyt = receptionsBhyt;
        b.receptionsFee = receptionsFee;
        b.transactionCodes = transactionCodes;
        b.payments = payments;
        b.paymentsVnd = paymentsVnd;
        b.cardReadsOk = cardReadsOk;
        b.cardReads = cardReads;
        b.fieldAssists = fieldAssists;
        b.uniqueCitizens = uniqueCitizens;
        b.activeDevices = activeDevices;
        b.silentDevices = silentDevices;
        b.timeUnknown = timeUnknown;
        return b;
    }

    /** Successful look-ups as a percentage of all, HALF_UP to 2 decimals; empty when there were none. */
    public Optional<BigDecimal> cardReadSuccessPercent() {
        return VietnameseNumbers.ratePercent(cardReadsOk, cardReads);
    }

    /** Whether any kiosk figure (receptions, codes, payments) is non-zero. */
    public boolean hasKioskActivity() {
        return receptions != 0 || transactionCodes != 0 || payments != 0 || paymentsVnd != 0;
    }

    /**
     * Builds {@link Indicators}; not thread-safe. Receptions are given as the BHYT / fee split, and the
     * total is their sum, so the two cannot disagree.
     */
    public static final class Builder {
        private long receptionsBhyt;
        private long receptionsFee;
        private long transactionCodes;
        private long payments;
        private long paymentsVnd;
        private long cardReadsOk;
        private long cardReads;
        private FieldAssistCounts fieldAssists = FieldAssistCounts.NONE;
        private long uniqueCitizens;
        private long activeDevices;
        private long silentDevices;
        private long timeUnknown;

        private Builder() {
        }

        /** Receptions of insured and of fee-paying patients. */
        public Builder receptions(long bhyt, long fee) {
            this.receptionsBhyt = bhyt;
            this.receptionsFee = fee;
            return this;
        }

        public Builder transactionCodes(long n) {
            this.transactionCodes = n;
            return this;
        }

        /** Confirmed payments and their total in đồng. */
        public Builder payments(long count, long totalVnd) {
            this.payments = count;
            this.paymentsVnd = totalVnd;
            return this;
        }

        /** Successful look-ups out of all look-ups. */
        public Builder cardReads(long ok, long total) {
            this.cardReadsOk = ok;
            this.cardReads = total;
            return this;
        }

        public Builder fieldAssists(FieldAssistCounts counts) {
            this.fieldAssists = Objects.requireNonNull(counts, "counts");
            return this;
        }

        /** Sets one (activity, age group) cell of the field assists. */
        public Builder fieldAssist(FieldActivity activity, AgeGroup group, long n) {
            this.fieldAssists = fieldAssists.with(activity, group, n);
            return this;
        }

        public Builder uniqueCitizens(long n) {
            this.uniqueCitizens = n;
            return this;
        }

        public Builder activeDevices(long n) {
            this.activeDevices = n;
            return this;
        }

        public Builder silentDevices(long n) {
            this.silentDevices = n;
            return this;
        }

        public Builder timeUnknown(long n) {
            this.timeUnknown = n;
            return this;
        }

        public Indicators build() {
            return new Indicators(Math.addExact(receptionsBhyt, receptionsFee), receptionsBhyt, receptionsFee,
                    transactionCodes, payments, paymentsVnd, cardReadsOk, cardReads, fieldAssists,
                    uniqueCitizens, activeDevices, silentDevices, timeUnknown);
        }
    }
}
