package vn.kiosk06.wire.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.kiosk06.proto.sync.v1.SealedCitizenId;
import vn.kiosk06.proto.sync.v1.SealingKey;

class CitizenIdSealerTest {

    final byte[] key1 = SealingKeys.generatePrivateKey();
    final byte[] key2 = SealingKeys.generatePrivateKey();
    final CitizenNumber id = new CitizenNumber(CitizenNumber.Kind.PERSONAL_ID, "001099012345");

    static SealingKey publicKey(int id, byte[] privateKey) {
        return SealingKey.newBuilder().setKeyId(id).setPublicKey(ByteString.copyFrom(SealingKeys.publicKeyOf(privateKey))).build();
    }

    @Test
    void seal_opensOnTheServer_toTheSameNumber_leadingZerosAndKindKept() {
        CitizenIdSealer sealer = new CitizenIdSealer(publicKey(1, key1));
        CitizenIdOpener opener = new CitizenIdOpener(Map.of(1, key1));
        CitizenNumber insurance = new CitizenNumber(CitizenNumber.Kind.SOCIAL_INSURANCE, "0012345678");

        assertThat(opener.open(sealer.seal(id))).isEqualTo(id);
        assertThat(opener.open(sealer.seal(insurance))).isEqualTo(insurance);
    }

    @Test
    void twoSealsOfOneNumber_differ_soEqualCiphertextsRevealNothing() {
        CitizenIdSealer sealer = new CitizenIdSealer(publicKey(1, key1));
        SealedCitizenId a = sealer.seal(id);
        SealedCitizenId b = sealer.seal(id);
        SealedCitizenId c = new CitizenIdSealer(publicKey(1, key1)).seal(id);

        assertThat(a.getCiphertext()).isNotEqualTo(b.getCiphertext());
        assertThat(a.getEnc()).isEqualTo(b.getEnc()).isNotEqualTo(c.getEnc()); // one session, one encapsulation
        assertThat(a.getCiphertext().size()).isEqualTo(22);
        assertThat(a.getEnc().size()).isEqualTo(32);
    }

    @Test
    void afterRotation_oldSealsStillOpen_withTheOldPrivateKey() {
        SealedCitizenId old = new CitizenIdSealer(publicKey(1, key1)).seal(id);
        SealedCitizenId fresh = new CitizenIdSealer(publicKey(2, key2)).seal(id);
        CitizenIdOpener both = new CitizenIdOpener(Map.of(1, key1, 2, key2));

        assertThat(both.open(old)).isEqualTo(id);
        assertThat(both.open(fresh)).isEqualTo(id);
        assertThatThrownBy(() -> new CitizenIdOpener(Map.of(2, key2)).open(old))
                .isInstanceOf(SealedIdException.class).hasMessageContaining("sealed to key 1").hasMessageContaining("[2]");
    }

    @Test
    void alteredCiphertext_orCounter_orWrongKeyUnderTheSameId_doesNotOpen() {
        SealedCitizenId sealed = new CitizenIdSealer(publicKey(1, key1)).seal(id);
        byte[] flipped = sealed.getCiphertext().toByteArray();
        flipped[0] ^= 1;
        CitizenIdOpener opener = new CitizenIdOpener(Map.of(1, key1));

        assertThatThrownBy(() -> opener.open(sealed.toBuilder().setCiphertext(ByteString.copyFrom(flipped)).build()))
                .isInstanceOf(SealedIdException.class).hasMessageContaining("does not open");
        assertThatThrownBy(() -> opener.open(sealed.toBuilder().setCounter(7).build()))
                .isInstanceOf(SealedIdException.class);
        assertThatThrownBy(() -> new CitizenIdOpener(Map.of(1, key2)).open(sealed))
                .isInstanceOf(SealedIdException.class).hasMessageContaining("does not open");
    }

    @Test
    void badNumbers_andBadKeys_areRefused_namingLengthsNeverValues() {
        assertThatThrownBy(() -> new CitizenNumber(CitizenNumber.Kind.PERSONAL_ID, "12345"))
                .hasMessage("PERSONAL_ID must be 12 digits, was 5 characters");
        assertThat(id.toString()).doesNotContain("001099012345");
        assertThatThrownBy(() -> new CitizenIdSealer(SealingKey.newBuilder().setKeyId(1)
                .setPublicKey(ByteString.copyFrom(new byte[31])).build()))
                .hasMessageContaining("32 bytes (X25519), was 31");
    }
}
