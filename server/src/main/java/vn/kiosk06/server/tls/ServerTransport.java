package vn.kiosk06.server.tls;

import java.util.Optional;

/**
 * How the server talks to the world: TLS with {@link ServerIdentity} (the default), or plaintext in
 * {@code --insecure} development mode, where unenrolled devices are accepted too.
 *
 * @param identity the certificate and key; empty exactly when insecure
 */
public record ServerTransport(Optional<ServerIdentity> identity) {

    public boolean insecure() {
        return identity.isEmpty();
    }

    /** The identity, or an error saying that an insecure server has none (no fingerprint to pin). */
    public ServerIdentity requireIdentity() {
        return identity.orElseThrow(() -> new TlsException(
                "the server runs with --insecure (kiosk06.server.insecure: true): it has no certificate to pin"));
    }
}
