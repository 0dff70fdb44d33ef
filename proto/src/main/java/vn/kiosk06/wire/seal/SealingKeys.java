package vn.kiosk06.wire.seal;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/** Makes and reads the server's X25519 key pairs for sealing citizen ids. Stateless. */
public final class SealingKeys {
    /** Bytes of an X25519 private key. */
    public static final int PRIVATE_KEY_BYTES = 32;

    private SealingKeys() {
    }

    /** A new random private key (from BouncyCastle's default secure random). */
    public static byte[] generatePrivateKey() {
        HPKE hpke = SealSuite.hpke();
        AsymmetricCipherKeyPair pair = hpke.generatePrivateKey();
        return hpke.serializePrivateKey(pair.getPrivate());
    }

    /** The public key of {@code privateKey}. */
    public static byte[] publicKeyOf(byte[] privateKey) {
        check(privateKey);
        return new X25519PrivateKeyParameters(privateKey, 0).generatePublicKey().getEncoded();
    }

    static AsymmetricCipherKeyPair pairOf(byte[] privateKey) {
        check(privateKey);
        return SealSuite.hpke().deserializePrivateKey(privateKey, publicKeyOf(privateKey));
    }

    private static void check(byte[] privateKey) {
        if (privateKey == null || privateKey.length != PRIVATE_KEY_BYTES) {
            throw new IllegalArgumentException("an X25519 private key has " + PRIVATE_KEY_BYTES + " bytes, was "
                    + (privateKey == null ? "none" : privateKey.length));
        }
    }
}
