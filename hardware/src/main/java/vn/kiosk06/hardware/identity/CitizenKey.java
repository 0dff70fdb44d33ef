package vn.kiosk06.hardware.identity;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A pseudonymous citizen key: HMAC-SHA256(deployment secret, number) truncated to 16 bytes, as 32 lowercase hex
 * characters. Lets reports count distinct citizens without ever holding their numbers. Immutable.
 */
public record CitizenKey(String hex) {
    private static final Pattern HEX32 = Pattern.compile("[0-9a-f]{32}");

    public CitizenKey {
        Objects.requireNonNull(hex, "hex");
        if (!HEX32.matcher(hex).matches()) {
            throw new IllegalArgumentException("citizen key must be 32 lowercase hex characters, was length " + hex.length());
        }
    }

    @Override
    public String toString() {
        return hex;
    }
}
