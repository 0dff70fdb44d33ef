package vn.kiosk06.client.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.client.enroll.DeviceCredential;
import vn.kiosk06.hardware.identity.CitizenKeyer;
import vn.kiosk06.hardware.identity.ProtectedCitizen;
import vn.kiosk06.proto.sync.v1.DeviceConfig;
import vn.kiosk06.proto.sync.v1.SealingKey;
import vn.kiosk06.wire.seal.CitizenIdOpener;
import vn.kiosk06.wire.seal.CitizenNumber;
import vn.kiosk06.wire.seal.SealingKeys;

class CitizenSealingTest {

    @TempDir
    Path dir;

    final CitizenNumber id = new CitizenNumber(CitizenNumber.Kind.PERSONAL_ID, "079203001234");
    final byte[] serverPrivate = SealingKeys.generatePrivateKey();
    final SealingKey serverKey = SealingKey.newBuilder().setKeyId(1)
            .setPublicKey(ByteString.copyFrom(SealingKeys.publicKeyOf(serverPrivate))).build();

    @Test
    void enrolledDevice_sealsEveryNumber_soOnlyTheServerReadsIt_andNeverAsksForAKey() {
        AtomicInteger keyAsked = new AtomicInteger();
        CitizenSealing sealing = new CitizenSealing(Optional.of(serverKey), () -> {
            keyAsked.incrementAndGet();
            return new CitizenKeyer(new byte[32]);
        }, k -> { });

        ProtectedCitizen p = sealing.protect(id);

        assertThat(p).isInstanceOf(ProtectedCitizen.Sealed.class);
        assertThat(new CitizenIdOpener(Map.of(1, serverPrivate)).open(((ProtectedCitizen.Sealed) p).id())).isEqualTo(id);
        assertThat(keyAsked).hasValue(0);
    }

    @Test
    void deviceEnrolledBeforeSealing_keysWithItsOldKeyUntilTheHandshake_thenSeals_andItsCredentialLosesTheKey()
            throws Exception {
        DeviceCredential legacy = new DeviceCredential("kiosk-1", "secret-secret", new byte[32], "PQ", Optional.empty(),
                new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        legacy.save(dir);
        assertThat(Files.readString(DeviceCredential.file(dir))).contains("citizen-key=");
        DeviceCredential loaded = DeviceCredential.load(dir).orElseThrow();
        assertThat(loaded.sealingKey()).isEmpty();
        CitizenSealing sealing = new CitizenSealing(loaded.sealingKey(),
                () -> new CitizenKeyer(loaded.legacyCitizenKey()), k -> {
                    try {
                        loaded.withSealingKey(k).save(dir);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });

        assertThat(sealing.protect(id)).isInstanceOf(ProtectedCitizen.Keyed.class);
        sealing.onConfig(DeviceConfig.newBuilder().setSealingKey(serverKey).build());

        assertThat(sealing.protect(id)).isInstanceOf(ProtectedCitizen.Sealed.class);
        String file = Files.readString(DeviceCredential.file(dir));
        assertThat(file).doesNotContain("citizen-key").contains("sealing-public-key=");
        DeviceCredential migrated = DeviceCredential.load(dir).orElseThrow();
        assertThat(migrated.sealingKey()).contains(serverKey);
        assertThat(migrated.legacyCitizenKey()).isEmpty();
        assertThat(migrated.secret()).isEqualTo("secret-secret");
    }

    @Test
    void aRotatedKeyAtAHandshake_opensANewSession_andIsRemembered() {
        byte[] private2 = SealingKeys.generatePrivateKey();
        SealingKey key2 = SealingKey.newBuilder().setKeyId(2)
                .setPublicKey(ByteString.copyFrom(SealingKeys.publicKeyOf(private2))).build();
        AtomicInteger remembered = new AtomicInteger();
        CitizenSealing sealing = new CitizenSealing(Optional.of(serverKey), () -> new CitizenKeyer(new byte[32]),
                k -> remembered.incrementAndGet());

        sealing.onConfig(DeviceConfig.newBuilder().setSealingKey(serverKey).build());
        assertThat(remembered).as("the same key again changes nothing").hasValue(0);
        sealing.onConfig(DeviceConfig.newBuilder().setSealingKey(key2).build());

        ProtectedCitizen.Sealed sealed = (ProtectedCitizen.Sealed) sealing.protect(id);
        assertThat(sealed.id().getKeyId()).isEqualTo(2);
        assertThat(new CitizenIdOpener(Map.of(2, private2)).open(sealed.id())).isEqualTo(id);
        assertThat(remembered).hasValue(1);
    }
}
