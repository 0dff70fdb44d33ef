package vn.kiosk06.client.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import vn.kiosk06.client.clock.NtpSync;
import vn.kiosk06.client.clock.NtpSyncProbe;

/** An OS that reports its clock not NTP-synchronised, so a test's verdict does not depend on the build machine. */
@Singleton
@Replaces(NtpSyncProbe.class)
@Requires(property = "kiosk06.test.ntp", value = "unsynchronised")
final class UnsynchronisedNtp implements NtpSyncProbe {

    @Override
    public NtpSync probe() {
        return NtpSync.NOT_SYNCHRONIZED;
    }
}
