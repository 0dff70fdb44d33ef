package vn.kiosk06.wire.seal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.hpke.HPKE;

/**
 * The one place that fixes how citizen ids are sealed (see {@code SealedCitizenId} in sync.proto): the HPKE suite
 * (RFC 9180 base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, export-only), the labels, and the per-seal
 * AES-256-GCM with its counter nonce. The AEAD key comes from HPKE's secret export (RFC 9180 §5.3), which exists so
 * that one encapsulation can key many messages — here every ID a device seals in one session — without a fresh
 * 32-byte encapsulation per event. Stateless but for a cached Cipher per thread.
 */
final class SealSuite {
    static final byte[] INFO = "kiosk06 citizen id v1".getBytes(StandardCharsets.US_ASCII);
    static final byte[] EXPORT_CONTEXT = "kiosk06 citizen id aes-256-gcm".getBytes(StandardCharsets.US_ASCII);
    static final int AES_KEY_BYTES = 32;
    static final int TAG_BITS = 128;
    static final int PUBLIC_KEY_BYTES = 32;
    static final int CIPHERTEXT_BYTES = CitizenNumber.PACKED_BYTES + TAG_BITS / 8;

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    /**
     * One decrypting Cipher per thread, re-initialised per seal: the server opens one seal per event it ingests, and
     * {@code Cipher.getInstance}'s provider lookup cost as much as the decryption. Only for decryption: an encrypting
     * GCM Cipher refuses re-initialisation with its last key and nonce, a check a shared instance would blur.
     */
    private static final ThreadLocal<Cipher> DECRYPTERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    });

    private SealSuite() {
    }

    /** A new HPKE instance (BouncyCastle's is cheap to make; we do not share one across threads). */
    static HPKE hpke() {
        return new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_EXPORT_ONLY);
    }

    /** AES-256-GCM of {@code input} under {@code key} with the nonce of seal number {@code counter}. */
    static byte[] gcm(int mode, SecretKeySpec key, long counter, byte[] input) throws GeneralSecurityException {
        byte[] nonce = new byte[12];
        for (int i = 11; i >= 4; i--) {
            nonce[i] = (byte) counter;
            counter >>>= 8;
        }
        Cipher cipher = mode == Cipher.DECRYPT_MODE ? DECRYPTERS.get() : Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        return cipher.doFinal(input);
    }
}
