package vn.kiosk06.hardware.identity;

import java.util.Objects;
import vn.kiosk06.proto.sync.v1.SealedCitizenId;

/**
 * The form in which a citizen's number leaves the hardware module: sealed to the server's public key (what an
 * enrolled device sends), or — only in {@code --insecure} development, or on a device enrolled before sealing
 * existed until its next handshake — keyed with a citizen key held on the device.
 */
public sealed interface ProtectedCitizen permits ProtectedCitizen.Sealed, ProtectedCitizen.Keyed {

    /** Sealed to the server: only the server can read it, and two seals of one number differ. */
    record Sealed(SealedCitizenId id) implements ProtectedCitizen {
        public Sealed {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public String toString() {
            return "Sealed[key " + id.getKeyId() + "]";
        }
    }

    /** Keyed on the device with a citizen key the device holds (development, or legacy until the next handshake). */
    record Keyed(CitizenKey key) implements ProtectedCitizen {
        public Keyed {
            Objects.requireNonNull(key, "key");
        }
    }
}
