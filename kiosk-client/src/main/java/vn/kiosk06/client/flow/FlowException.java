package vn.kiosk06.client.flow;

/**
 * An action the current screen does not allow, or input it refuses. {@link #code} is what the page shows
 * (translated), e.g. {@code BHYT_FORMAT}, {@code NOT_ON_SCREEN}, {@code UNKNOWN_DEPARTMENT}; never personal data.
 */
public final class FlowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;

    public FlowException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The code the page translates. */
    public String code() {
        return code;
    }
}
