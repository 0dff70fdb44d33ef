package vn.kiosk06.server.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.EventBatch;
import vn.kiosk06.server.RunningServer;
import vn.kiosk06.server.Uploads;
import vn.kiosk06.server.enroll.AuthenticatedDevice;
import vn.kiosk06.server.enroll.DeviceRegistry;
import vn.kiosk06.server.enroll.Enrollment;
import vn.kiosk06.wire.ChainKey;
import vn.kiosk06.wire.EventChain;

/**
 * The keyed chain end to end on a real secure aggregator (SQLite file, TLS gRPC): an enrolled device's HMAC links
 * verify, a tail rewritten without the credential is a break, a device that chained plain before switches once.
 */
class KeyedChainTest {

    @TempDir
    Path dir;
    RunningServer server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    /** An enrolled device's credential on a channel, and the chain key it derives from its secret. */
    record Device(String id, Channel channel, ChainKey key) {
    }

    Device enrolled(String id) {
        DeviceRegistry registry = server.bean(DeviceRegistry.class);
        Enrollment e = registry.enroll(registry.register(id, "PQ", Duration.ofHours(1)).code().secret());
        Metadata credential = new Metadata();
        credential.put(AuthenticatedDevice.DEVICE_ID, id);
        credential.put(AuthenticatedDevice.DEVICE_SECRET, e.deviceSecret());
        return new Device(id, ClientInterceptors.intercept(server.channel(),
                MetadataUtils.newAttachHeadersInterceptor(credential)), ChainKey.fromSecret(e.deviceSecret()));
    }

    /** As the device's sync worker sends them: restorable links left out, the batch saying they are keyed. */
    static EventBatch keyedBatch(Device d, List<Event> events) throws Exception {
        EventChain wire = new EventChain(Optional.of(d.key()));
        return EventBatch.newBuilder().setDeviceId(d.id()).setChainKeyed(true)
                .addAllEvents(wire.forTheWire(events.stream().map(Event::toByteArray).toList())).build();
    }

    @Test
    void keyedChain_sentWithLinksLeftOut_isRestoredAndVerifies_andMarksTheDeviceKeyed() throws Exception {
        server = RunningServer.secure(dir, Map.of("kiosk06.server.integrity.interval", "1h"));
        Device d = enrolled("kiosk-keyed");
        List<Event> events = Chains.keyedPayments(50, 1, d.key());
        EventBatch batch = keyedBatch(d, events);
        assertThat(batch.getEventsList().stream().filter(e -> !e.getPrevHash().isEmpty())).as("only the first link travels")
                .hasSize(1);

        Uploads.upload(d.channel(), batch);
        IntegrityChecker checker = server.bean(IntegrityChecker.class);
        checker.checkNow();

        assertThat(checker.integrity(d.id()).breaks()).isEmpty();
        assertThat(checker.integrity(d.id()).checkedThrough()).isEqualTo(50);
        assertThat(keyedFrom(d.id())).isEqualTo(1);
    }

    @Test
    void tailRewrittenWithoutTheCredential_plainLinksAfterKeyedOnes_isABreak() throws Exception {
        server = RunningServer.secure(dir, Map.of("kiosk06.server.integrity.interval", "1h"));
        Device d = enrolled("kiosk-stolen");
        List<Event> honest = Chains.keyedPayments(10, 1, d.key());
        Uploads.upload(d.channel(), keyedBatch(d, honest.subList(0, 3)));
        // Someone with the journal file but not the credential edits event 4 and recomputes every link after it, as
        // one could for the old unkeyed chain (which showed no break for exactly this).
        List<Event> rewritten = Chains.rewrittenPlain(honest, 4, 1);
        Uploads.upload(d.channel(), EventBatch.newBuilder().setDeviceId(d.id()).setChainKeyed(true)
                .addAllEvents(rewritten.subList(3, 10)).build());

        IntegrityChecker checker = server.bean(IntegrityChecker.class);
        checker.checkNow();

        assertThat(checker.integrity(d.id()).breaks()).extracting(ChainBreak::seq, ChainBreak::kind)
                .containsExactly(tuple(5L, ChainBreakKind.PLAIN_AFTER_KEYED), tuple(6L, ChainBreakKind.PLAIN_AFTER_KEYED),
                        tuple(7L, ChainBreakKind.PLAIN_AFTER_KEYED), tuple(8L, ChainBreakKind.PLAIN_AFTER_KEYED),
                        tuple(9L, ChainBreakKind.PLAIN_AFTER_KEYED), tuple(10L, ChainBreakKind.PLAIN_AFTER_KEYED));
        assertThat(checker.integrity(d.id()).breaks().get(0).detail()).contains("plain hash although the device's chain is keyed");
    }

    @Test
    void keyedLinksUnderAnotherKey_areHashMismatches() throws Exception {
        server = RunningServer.secure(dir, Map.of("kiosk06.server.integrity.interval", "1h"));
        Device d = enrolled("kiosk-guess");
        List<Event> forged = Chains.keyedPayments(5, 1, ChainKey.fromSecret("a guessed secret"));
        Uploads.upload(d.channel(), EventBatch.newBuilder().setDeviceId(d.id()).addAllEvents(forged).build());

        IntegrityChecker checker = server.bean(IntegrityChecker.class);
        checker.checkNow();

        assertThat(checker.integrity(d.id()).breaks()).extracting(ChainBreak::kind).containsOnly(ChainBreakKind.HASH_MISMATCH)
                .hasSize(5);
    }

    @Test
    void deviceChainedPlainBeforeTheUpgrade_switchesToKeyedOnce_withoutABreak() throws Exception {
        server = RunningServer.secure(dir, Map.of("kiosk06.server.integrity.interval", "1h"));
        Device d = enrolled("kiosk-upgraded");
        List<Event> events = Chains.keyedPayments(12, 7, d.key());
        // The old client sent 1..6 plain; the upgraded one keyed links from 7 on (the batch across the switch
        // carries the plain links in full).
        Uploads.upload(d.channel(), EventBatch.newBuilder().setDeviceId(d.id()).addAllEvents(events.subList(0, 4)).build());
        Uploads.upload(d.channel(), keyedBatch(d, events.subList(4, 12)));

        IntegrityChecker checker = server.bean(IntegrityChecker.class);
        checker.checkNow();

        assertThat(checker.integrity(d.id()).breaks()).isEmpty();
        assertThat(keyedFrom(d.id())).isEqualTo(7);
    }

    @Test
    void insecureServer_keyedBatchOfADeviceWithNoCredentialHere_isRefusedWithTheReason() throws Exception {
        server = new RunningServer(dir, Map.of("kiosk06.server.integrity.interval", "1h"));
        List<Event> events = Chains.keyedPayments(3, 1, ChainKey.fromSecret("enrolled elsewhere"));
        EventBatch batch = EventBatch.newBuilder().setDeviceId("kiosk-elsewhere").setChainKeyed(true)
                .addAllEvents(new EventChain(Optional.of(ChainKey.fromSecret("enrolled elsewhere")))
                        .forTheWire(events.stream().map(Event::toByteArray).toList())).build();

        assertThatThrownBy(() -> Uploads.upload(server.channel(), batch)).isInstanceOf(StatusRuntimeException.class)
                .hasMessageContaining("keyed hash chain").hasMessageContaining("not enrolled on this server");
    }

    long keyedFrom(String deviceId) throws Exception {
        try (var c = server.bean(vn.kiosk06.server.db.Database.class).connect()) {
            long v = IntegrityTables.progress(c).get(deviceId).keyedFrom();
            c.commit();
            return v;
        }
    }
}
