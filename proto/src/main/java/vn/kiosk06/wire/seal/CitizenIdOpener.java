package vn.kiosk06.wire.seal;

import com.google.protobuf.ByteString;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.hpke.HPKE;
import vn.kiosk06.proto.sync.v1.SealedCitizenId;

/**
 * The server's side: opens sealed citizen ids with the private keys it holds (every key it ever issued, so events
 * sealed before a rotation still open). HPKE's SetupBaseR (one X25519) runs once per device session; its exported
 * key is cached in memory, so an event costs one AES-GCM.
 *
 * <p>Thread-safe.
 */
public final class CitizenIdOpener {
    private static final int CACHED_SESSIONS = 20_000;

    private record Session(int keyId, ByteString enc) {
    }

    private final Map<Integer, AsymmetricCipherKeyPair> keys = new HashMap<>();
    /**
     * Exported AES keys by session. Not an LRU map behind one lock: every event's look-up took that lock, and a
     * set-up (an X25519) held it, so the ingest threads spun on it (issue 16's profile). When full, an arbitrary
     * tenth goes; a session evicted while still in use is set up again, once.
     */
    private final Map<Session, SecretKeySpec> sessions = new ConcurrentHashMap<>();

    /** @param privateKeys key id → X25519 private key (32 bytes) */
    public CitizenIdOpener(Map<Integer, byte[]> privateKeys) {
        privateKeys.forEach((id, key) -> keys.put(id, SealingKeys.pairOf(key)));
    }

    /**
     * The number inside {@code sealed}.
     *
     * @throws SealedIdException when this server has no such key, or the seal is malformed or was altered
     */
    public CitizenNumber open(SealedCitizenId sealed) {
        SecretKeySpec aesKey = session(new Session(sealed.getKeyId(), sealed.getEnc()));
        if (sealed.getCiphertext().size() != SealSuite.CIPHERTEXT_BYTES) {
            throw new SealedIdException("sealed_citizen_id.ciphertext must be " + SealSuite.CIPHERTEXT_BYTES
                    + " bytes, was " + sealed.getCiphertext().size());
        }
        byte[] packed;
        try {
            packed = SealSuite.gcm(Cipher.DECRYPT_MODE, aesKey, sealed.getCounter(), sealed.getCiphertext().toByteArray());
        } catch (javax.crypto.AEADBadTagException e) {
            throw new SealedIdException("sealed_citizen_id does not open: altered, or sealed with another counter");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
        try {
            return CitizenNumber.unpack(packed);
        } catch (IllegalArgumentException e) {
            throw new SealedIdException("sealed_citizen_id holds no citizen number: " + e.getMessage());
        }
    }

    private SecretKeySpec session(Session session) {
        SecretKeySpec key = sessions.get(session);
        if (key == null) {
            // Outside any lock: two threads opening a new session's first ids at once each set it up, harmlessly.
            key = setUp(session);
            if (sessions.size() >= CACHED_SESSIONS) {
                Iterator<Session> some = sessions.keySet().iterator();
                for (int i = 0; i < CACHED_SESSIONS / 10 && some.hasNext(); i++) {
                    some.next();
                    some.remove();
                }
            }
            sessions.put(session, key);
        }
        return key;
    }

    private SecretKeySpec setUp(Session session) {
        AsymmetricCipherKeyPair pair = keys.get(session.keyId());
        if (pair == null) {
            throw new SealedIdException("sealed_citizen_id is sealed to key " + Integer.toUnsignedString(session.keyId())
                    + ", which this server does not hold (it holds " + new java.util.TreeSet<>(keys.keySet()) + ")");
        }
        if (session.enc().size() != SealSuite.PUBLIC_KEY_BYTES) {
            throw new SealedIdException("sealed_citizen_id.enc must be " + SealSuite.PUBLIC_KEY_BYTES + " bytes, was "
                    + session.enc().size());
        }
        HPKE hpke = SealSuite.hpke();
        byte[] exported = hpke.setupBaseR(session.enc().toByteArray(), pair, SealSuite.INFO)
                .export(SealSuite.EXPORT_CONTEXT, SealSuite.AES_KEY_BYTES);
        return new SecretKeySpec(exported, "AES");
    }
}
