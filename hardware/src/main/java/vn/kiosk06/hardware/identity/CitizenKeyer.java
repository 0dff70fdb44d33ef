package vn.kiosk06.hardware.identity;

import java.util.HexFormat;
import java.util.Objects;
import vn.kiosk06.wire.seal.CitizenHash;

/**
 * Turns a citizen's number into a {@link CitizenKey} with a citizen key held on the device — the same hash the
 * server computes ({@link CitizenHash}). Only for {@code --insecure} development and for a device enrolled before
 * sealing existed, until its next handshake: a device that holds the key can test any guessed ID number against
 * its journal, so a deployment seals numbers to the server instead ({@link CitizenProtector}).
 *
 * <p>Thread-safe.
 */
public final class CitizenKeyer {
    private final CitizenHash hash;

    /**
     * @param secret the citizen key, at least 16 bytes; copied, the caller may wipe its array afterwards
     */
    public CitizenKeyer(byte[] secret) {
        this.hash = new CitizenHash(secret);
    }

    /**
     * Key for a number: a 12-digit personal ID, or a BHYT number. The number is used exactly as given (callers
     * pass the normalised form their parser produced), so a CCCD and a BHYT number never collide by length.
     */
    public CitizenKey keyOf(String number) {
        Objects.requireNonNull(number, "number");
        return new CitizenKey(HexFormat.of().formatHex(hash.of(number)));
    }
}
