package vn.kiosk06.hardware.chip;

import java.util.Objects;
import java.util.regex.Pattern;
import vn.kiosk06.hardware.identity.ParsedCard;

/** One event from a chip reader, parsed from one frame. See hardware/README.md for the wire form. */
public sealed interface ChipEvent permits ChipEvent.CardPresent, ChipEvent.CardRemoved, ChipEvent.CardRead,
        ChipEvent.ReaderError {

    /** A card was laid on the reader; the chip is being read. */
    record CardPresent() implements ChipEvent {
    }

    /** The card was taken away. */
    record CardRemoved() implements ChipEvent {
    }

    /** The reader delivered chip data, or a frame that was meant to be data but is not valid. */
    record CardRead(ParsedCard card) implements ChipEvent {
        public CardRead {
            Objects.requireNonNull(card, "card");
        }
    }

    /**
     * The reader reported an error.
     *
     * @param code the reader's reason as an upper-case token (e.g. {@code BAC_FAILED}); anything else the reader
     *             sent is replaced by {@code UNSPECIFIED} so that untrusted text never reaches a log
     */
    record ReaderError(String code) implements ChipEvent {
        private static final Pattern TOKEN = Pattern.compile("[A-Z0-9_]{1,32}");

        public ReaderError {
            Objects.requireNonNull(code, "code");
            if (!TOKEN.matcher(code).matches()) {
                throw new IllegalArgumentException("error code must match [A-Z0-9_]{1,32}, was " + code.length() + " characters");
            }
        }
    }
}
