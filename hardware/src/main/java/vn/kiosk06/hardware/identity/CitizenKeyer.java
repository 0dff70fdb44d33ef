package vn.kiosk06.hardware.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a citizen's number into a {@link CitizenKey} with a per-deployment secret, so the same person gets the same
 * key on every device of one deployment but keys cannot be reversed or joined across deployments.
 *
 * <p>Thread-safe: each call uses its own {@link Mac} clone.
 */
public final class CitizenKeyer {
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_SECRET_BYTES = 16;
    private static final int KEY_BYTES = 16;

    private final Mac prototype;

    /**
     * @param secret the deployment secret, at least 16 bytes; copied, the caller may wipe its array afterwards
     */
    public CitizenKeyer(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(
                    "deployment secret must be at least " + MIN_SECRET_BYTES + " bytes, was " + secret.length);
        }
        try {
            prototype = Mac.getInstance(ALGORITHM);
            prototype.init(new SecretKeySpec(Arrays.copyOf(secret, secret.length), ALGORITHM));
        } catch (GeneralSecurityException e) {
            // Every Java 17 runtime ships HmacSHA256; reaching this means a broken JRE.
            throw new IllegalStateException(ALGORITHM + " unavailable", e);
        }
    }

    /**
     * Key for a number: a 12-digit personal ID, or a BHYT number. The number is used exactly as given (callers
     * pass the normalised form their parser produced), so a CCCD and a BHYT number never collide by length.
     */
    public CitizenKey keyOf(String number) {
        Objects.requireNonNull(number, "number");
        Mac mac;
        try {
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(ALGORITHM + " provider does not support clone", e);
        }
        byte[] full = mac.doFinal(number.getBytes(StandardCharsets.UTF_8));
        return new CitizenKey(HexFormat.of().formatHex(full, 0, KEY_BYTES));
    }
}
