package vn.kiosk06.hardware.identity;

/**
 * Why a read failed. Reasons name the defect, never the value: a reason is logged and synced, so it must not
 * carry personal data.
 */
public enum FailureReason {
    /** Bytes are not valid UTF-8. */
    INVALID_UTF8,
    /** Payload longer than any real card produces (or a serial frame overflowed). */
    TOO_LONG,
    /** Empty payload. */
    EMPTY,
    /** Control characters (NUL, ESC …) inside the payload. */
    UNEXPECTED_CHARACTER,
    /** Neither a CCCD QR, a BHYT QR nor a chip-reader frame. */
    UNKNOWN_FORMAT,
    /** Fewer `|`-separated fields than the format requires. */
    WRONG_FIELD_COUNT,
    /** The personal ID number is not exactly 12 digits. */
    ID_NOT_12_DIGITS,
    /** The old CMND number (when present) is not 9 digits. */
    OLD_ID_NOT_9_DIGITS,
    /** A date is not a real calendar date in the expected pattern. */
    BAD_DATE,
    /** Sex field is not Nam/Nữ (CCCD) or 1/2 (BHYT). */
    BAD_SEX,
    /** A required text field (name) is blank. */
    MISSING_NAME,
    /** Digit 4 of the ID disagrees with the century of birth or with the sex field. */
    ID_CENTURY_SEX_MISMATCH,
    /** Digits 5–6 of the ID disagree with the last two digits of the birth year. */
    ID_BIRTH_YEAR_MISMATCH,
    /** Birth date lies after the date of the read. */
    BIRTH_DATE_IN_FUTURE,
    /** BHYT number is neither 10 digits nor the 15-character code. */
    BAD_BHYT_NUMBER,
    /** A hex-encoded BHYT field is not valid hex or not UTF-8 once decoded. */
    BAD_HEX_FIELD,
    /** BHYT QR does not end with `$`. */
    MISSING_TERMINATOR,
    /** MRZ is not 3 lines of 30 characters from the MRZ alphabet. */
    MRZ_BAD_SHAPE,
    /** MRZ line 1 does not start with a Vietnamese ID-card header. */
    MRZ_NOT_VIETNAMESE_ID,
    /** MRZ document-number check digit wrong. */
    MRZ_DOCUMENT_NUMBER_CHECK,
    /** MRZ birth-date check digit wrong. */
    MRZ_BIRTH_DATE_CHECK,
    /** MRZ expiry-date check digit wrong. */
    MRZ_EXPIRY_DATE_CHECK,
    /** MRZ composite check digit wrong. */
    MRZ_COMPOSITE_CHECK,
    /** MRZ document number is not the last 9 digits of the 12-digit ID. */
    MRZ_DOCUMENT_NUMBER_MISMATCH,
    /** MRZ birth date, sex or optional-data ID disagrees with the chip's DG13 fields. */
    MRZ_DG13_MISMATCH,
    /** The chip reader reported an error (BAC/PACE failure, card pulled too early …). */
    CHIP_READER_ERROR,
    /** A serial frame exceeded the transport's maximum length and was discarded. */
    FRAME_OVERSIZED
}
