package vn.kiosk06.client.hardware;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kiosk06.hardware.identity.CitizenKeyer;
import vn.kiosk06.hardware.identity.CitizenProtector;
import vn.kiosk06.hardware.identity.ProtectedCitizen;
import vn.kiosk06.proto.sync.v1.DeviceConfig;
import vn.kiosk06.proto.sync.v1.SealingKey;
import vn.kiosk06.wire.seal.CitizenIdSealer;
import vn.kiosk06.wire.seal.CitizenNumber;

/**
 * How this device protects citizen numbers: sealed to the server's newest public key, in a sealing session that
 * lives only in this process's memory. The key comes from enrollment and, at every handshake, from the server's
 * {@code DeviceConfig.sealing_key}: a new key (a rotation) opens a new session and is remembered through
 * {@code remember} (the credential file, which then no longer holds any citizen key).
 *
 * <p>Until a device has a sealing key — a device enrolled before sealing existed, until its next handshake, or
 * {@code --insecure} development — it keys numbers with the citizen key it holds ({@code fallback}), as before.
 *
 * <p>Thread-safe: readers seal from their threads while the sync worker hands new keys.
 */
public final class CitizenSealing implements CitizenProtector {
    private static final Logger LOG = LoggerFactory.getLogger(CitizenSealing.class);

    private final AtomicReference<CitizenIdSealer> sealer = new AtomicReference<>();
    private final AtomicReference<SealingKey> key = new AtomicReference<>();
    private final Supplier<CitizenKeyer> fallback;
    private final Consumer<SealingKey> remember;
    private volatile CitizenKeyer fallbackKeyer;

    /**
     * @param initial  the sealing key the device already has (from enrollment)
     * @param fallback the on-device citizen keyer for a device without a sealing key; asked only when needed
     * @param remember called with each new sealing key a handshake brings, to keep it across restarts
     */
    public CitizenSealing(Optional<SealingKey> initial, Supplier<CitizenKeyer> fallback, Consumer<SealingKey> remember) {
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.remember = Objects.requireNonNull(remember, "remember");
        initial.ifPresent(this::use);
    }

    @Override
    public ProtectedCitizen protect(CitizenNumber number) {
        CitizenIdSealer current = sealer.get();
        if (current != null) {
            return new ProtectedCitizen.Sealed(current.seal(number));
        }
        CitizenKeyer keyer = fallbackKeyer;
        if (keyer == null) {
            synchronized (this) {
                if (fallbackKeyer == null) {
                    fallbackKeyer = fallback.get();
                }
                keyer = fallbackKeyer;
            }
        }
        return new ProtectedCitizen.Keyed(keyer.keyOf(number.digits()));
    }

    /** Whether numbers are sealed (true) or still keyed on the device (false). */
    public boolean sealing() {
        return sealer.get() != null;
    }

    /** Takes the configuration of a handshake; register with {@code SyncWorker.onConfig}. */
    public void onConfig(DeviceConfig config) {
        if (!config.hasSealingKey() || config.getSealingKey().equals(key.get())) {
            return;
        }
        SealingKey next = config.getSealingKey();
        try {
            use(next);
        } catch (IllegalArgumentException e) {
            LOG.error("citizen ids: the server's sealing key is unusable, kept the previous one: {}", e.getMessage());
            return;
        }
        LOG.info("citizen ids: sealing to the server's key {} from now on", next.getKeyId());
        remember.accept(next);
        fallbackKeyer = null;
    }

    private void use(SealingKey next) {
        sealer.set(new CitizenIdSealer(next));
        key.set(next);
    }
}
