package vn.kiosk06.wire.seal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed hash citizens are counted by: HMAC-SHA256(citizen key, number as ASCII digits) truncated to 16 bytes.
 * On a deployment the key lives only on the server, which hashes the numbers it opens; the same person gets the
 * same hash from every device, and the hash cannot be tested against a guessed number without the key.
 *
 * <p>Thread-safe: each call uses its own {@link Mac} clone.
 */
public final class CitizenHash {
    /** Bytes of a citizen hash. */
    public static final int BYTES = 16;
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_KEY_BYTES = 16;

    private final Mac prototype;

    /** @param key the citizen key, at least 16 bytes; copied */
    public CitizenHash(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("citizen key must be at least " + MIN_KEY_BYTES + " bytes, was " + key.length);
        }
        try {
            prototype = Mac.getInstance(ALGORITHM);
            prototype.init(new SecretKeySpec(Arrays.copyOf(key, key.length), ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " unavailable", e);
        }
    }

    /** The 16-byte hash of {@code number} (digits exactly as given). */
    public byte[] of(String number) {
        Objects.requireNonNull(number, "number");
        Mac mac;
        try {
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(ALGORITHM + " provider does not support clone", e);
        }
        return Arrays.copyOf(mac.doFinal(number.getBytes(StandardCharsets.US_ASCII)), BYTES);
    }

    /** The hash of a citizen number. */
    public byte[] of(CitizenNumber number) {
        return of(number.digits());
    }
}
