package vn.kiosk06.wire.seal;

import com.google.protobuf.ByteString;
import java.security.GeneralSecurityException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import vn.kiosk06.proto.sync.v1.SealedCitizenId;
import vn.kiosk06.proto.sync.v1.SealingKey;

/**
 * The device's side: one sealing session to one server public key. Opening the session runs HPKE's SetupBaseS once
 * (a fresh ephemeral X25519 key, so a fresh {@code enc}) and keeps only the exported AES key, in memory; each
 * {@link #seal} then costs one AES-GCM. Nothing here can open a seal, and nothing is written anywhere: a device
 * that restarts opens a new session.
 *
 * <p>Thread-safe: the seal counter is atomic, so no two seals of a session share a nonce.
 */
public final class CitizenIdSealer {
    private final int keyId;
    private final ByteString enc;
    private final SecretKeySpec aesKey;
    private final AtomicLong counter = new AtomicLong();

    /**
     * @throws IllegalArgumentException when the key is not a 32-byte X25519 public key with an id ≥ 1
     */
    public CitizenIdSealer(SealingKey key) {
        Objects.requireNonNull(key, "key");
        if (key.getKeyId() < 1) {
            throw new IllegalArgumentException("sealing key id must be ≥ 1, was " + Integer.toUnsignedString(key.getKeyId()));
        }
        if (key.getPublicKey().size() != SealSuite.PUBLIC_KEY_BYTES) {
            throw new IllegalArgumentException("sealing public key must be " + SealSuite.PUBLIC_KEY_BYTES
                    + " bytes (X25519), was " + key.getPublicKey().size());
        }
        HPKE hpke = SealSuite.hpke();
        HPKEContextWithEncapsulation context = hpke.setupBaseS(
                hpke.deserializePublicKey(key.getPublicKey().toByteArray()), SealSuite.INFO);
        this.keyId = key.getKeyId();
        this.enc = ByteString.copyFrom(context.getEncapsulation());
        this.aesKey = new SecretKeySpec(context.export(SealSuite.EXPORT_CONTEXT, SealSuite.AES_KEY_BYTES), "AES");
    }

    /** The server key this session seals to. */
    public int keyId() {
        return keyId;
    }

    /** {@code number} sealed to the server; two seals of the same number differ. */
    public SealedCitizenId seal(CitizenNumber number) {
        Objects.requireNonNull(number, "number");
        long n = counter.getAndIncrement();
        try {
            return SealedCitizenId.newBuilder().setKeyId(keyId).setEnc(enc).setCounter(n)
                    .setCiphertext(ByteString.copyFrom(SealSuite.gcm(Cipher.ENCRYPT_MODE, aesKey, n, number.pack())))
                    .build();
        } catch (GeneralSecurityException e) {
            // Every Java 17 runtime has AES/GCM/NoPadding; reaching this means a broken JRE.
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "CitizenIdSealer[key " + keyId + "]";
    }
}
