package vn.kiosk06.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.bench.simulate.TargetAddress;

/**
 * nginx with the repository's deploy/nginx/kiosk06-grpc.conf in front of two real server processes on one embedded
 * PostgreSQL 16: devices enroll and sync through it while one instance is killed, and nothing is lost or doubled.
 * Needs nginx ({@code ./kiosk06 test} installs it); skips, saying so, where it is missing.
 */
class ProxiedInstancesTest {

    @TempDir
    Path dir;

    @Test
    void render_replacesOnlyTheLinesMarkedEdit_withThisRunsPortCertificateAndInstances() {
        String conf = NginxProxy.render(NginxProxy.template(), 18443, Path.of("/x/server.crt"), Path.of("/x/server.key"),
                List.of(new TargetAddress("127.0.0.1", 5001), new TargetAddress("127.0.0.1", 5002), new TargetAddress("127.0.0.1", 5003)),
                java.util.OptionalInt.empty());

        assertThat(conf).contains("listen 127.0.0.1:18443 ssl http2;", "ssl_certificate     /x/server.crt;",
                "ssl_certificate_key /x/server.key;", "grpc_ssl_trusted_certificate /x/server.crt;",
                "    server 127.0.0.1:5001 max_fails=3 fail_timeout=10s;\n    server 127.0.0.1:5002 max_fails=3 fail_timeout=10s;\n"
                        + "    server 127.0.0.1:5003 max_fails=3 fail_timeout=10s;\n    # nginx does not multiplex")
                .doesNotContain("10.0.0.1", "/etc/kiosk06")
                // the rest as documented
                .contains("grpc_set_header X-Forwarded-For $remote_addr;", "grpc_next_upstream ", "client_max_body_size 0;",
                        "limit_conn kiosk06_per_address 256;");
    }

    @Test
    void render_benchLimit_replacesThePerAddressLimitOnly() {
        String conf = NginxProxy.render(NginxProxy.template(), 1, Path.of("c"), Path.of("k"),
                List.of(new TargetAddress("127.0.0.1", 5001)), java.util.OptionalInt.of(60_000));

        assertThat(conf).contains("    limit_conn kiosk06_per_address 60000;").doesNotContain("limit_conn kiosk06_per_address 256;");
    }

    @Test
    void render_fileWithoutAnEditedLine_failsNamingIt() {
        assertThatThrownBy(() -> NginxProxy.render("server { }", 1, Path.of("c"), Path.of("k"), List.of(),
                java.util.OptionalInt.empty()))
                .hasMessageContaining("no longer has the line the harness edits");
    }

    @Test
    void twoInstancesBehindNginx_oneKilledMidRun_everyEventStoredOnce_reportsIdentical() throws Exception {
        Optional<String> why = ProxiedInstances.unavailable();
        assumeTrue(why.isEmpty(), () -> "skipped: " + why.orElse(""));

        ProxiedInstances.Result r = ProxiedInstances.run(dir, 40, 300, Optional.empty(), System.err);

        assertThat(r.run().timedOut()).as("every event acked within the timeout").isFalse();
        assertThat(r.eventsStored()).isEqualTo(40 * 300);
        assertThat(r.devicesWrong()).as("devices whose rows are not exactly seq 1…300").isZero();
        assertThat(r.duplicates()).isZero();
        assertThat(r.losses()).isZero();
        assertThat(r.reportsIdentical()).as("report and device figures asked of each instance").isTrue();
        assertThat(r.run().ackedAtMidway()).as("killed mid-run").isBetween(1L, 40L * 300 - 1);
        // nginx balanced calls over both instances, and the survivor took the rest after the kill.
        assertThat(r.callsPerUpstream()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(r.callsPerUpstream().values()).allMatch(n -> n > 0);
        assertThat(r.passed()).isTrue();
    }
}
