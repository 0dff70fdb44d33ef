package vn.kiosk06.server.config;

import java.util.ArrayList;
import java.util.List;

/**
 * What several instances on one PostgreSQL database must share besides it, checked before anything is generated.
 * A server generates its TLS certificate and its citizen key into its own data directory when none is configured;
 * behind one address that breaks two things: a device pinned to instance A's certificate fails on B, and two citizen
 * keys make one citizen two people in the reports. So on PostgreSQL (and not {@code --insecure}) both must be
 * configured explicitly — the same files on every instance.
 */
public final class SharedInstanceFiles {

    private SharedInstanceFiles() {
    }

    /**
     * Refuses a secure PostgreSQL server whose certificate, key or citizen key file is not configured.
     *
     * @param db the configured {@code kiosk06.server.db} (null or blank: SQLite, nothing to share)
     * @throws IllegalStateException naming each missing setting and why it is needed
     */
    public static void require(String db, boolean insecure, Object tlsCert, Object tlsKey, Object citizenKeyFile) {
        if (db == null || db.isBlank() || insecure) {
            return;
        }
        List<String> missing = new ArrayList<>();
        if (tlsCert == null) {
            missing.add("tls-cert (kiosk06.server.tls.cert)");
        }
        if (tlsKey == null) {
            missing.add("tls-key (kiosk06.server.tls.key)");
        }
        if (citizenKeyFile == null) {
            missing.add("citizen-key-file (kiosk06.server.citizen-key-file)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("on PostgreSQL every instance must use the same TLS certificate and "
                    + "citizen key files, so they are not generated per instance: set " + String.join(", ", missing)
                    + " to files every instance shares (a device pinned to one instance's certificate fails on "
                    + "another; two citizen keys count one citizen as two)");
        }
    }
}
