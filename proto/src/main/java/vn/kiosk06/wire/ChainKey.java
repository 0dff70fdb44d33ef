package vn.kiosk06.wire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A device's key for its keyed event chain: HMAC-SHA256(SHA-256(device secret), "kiosk06 event chain v1").
 *
 * <p>Derived from the credential hash, not from the secret itself, so the server — which keeps only
 * {@code credential_hash} = hex SHA-256 of the secret — derives the same key without ever storing the secret, and the
 * device derives it from the secret it holds. Someone with a device's journal but not its credential file cannot
 * recompute the links after an event they rewrote. The label separates this use of the credential from any other.
 * Immutable and thread-safe; {@link #toString()} never shows the key.
 */
public final class ChainKey {

    static final byte[] LABEL = "kiosk06 event chain v1".getBytes(StandardCharsets.US_ASCII);
    static final String HMAC = "HmacSHA256";

    private final byte[] key;

    private ChainKey(byte[] key) {
        this.key = key;
    }

    /** The device side: from the device secret in its credential file. */
    public static ChainKey fromSecret(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a chain key needs the device secret; it was empty");
        }
        try {
            return fromCredentialHash(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /** The server side: from {@code device_enrollment.credential_hash} (64 hex digits). */
    public static ChainKey fromCredentialHashHex(String credentialHashHex) {
        if (credentialHashHex == null || credentialHashHex.length() != 64) {
            throw new IllegalArgumentException("a credential hash is 64 hex digits, was "
                    + (credentialHashHex == null ? "null" : credentialHashHex.length() + " characters"));
        }
        return fromCredentialHash(HexFormat.of().parseHex(credentialHashHex));
    }

    private static ChainKey fromCredentialHash(byte[] credentialHash) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(credentialHash, HMAC));
            return new ChainKey(mac.doFinal(LABEL));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime provides HmacSHA256", e);
        }
    }

    /** A fresh MAC under this key (a {@link Mac} is not thread-safe: one per user). */
    Mac newMac() {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime provides HmacSHA256", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChainKey k && MessageDigest.isEqual(key, k.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "ChainKey[hidden]";
    }
}
