package vn.kiosk06.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.time.LocalDate;
import vn.kiosk06.proto.sync.v1.Ack;
import vn.kiosk06.proto.sync.v1.AgeGroup;
import vn.kiosk06.proto.sync.v1.FieldActivity;
import vn.kiosk06.proto.sync.v1.FieldAssist;
import vn.kiosk06.proto.sync.v1.VoidEvent;
import vn.kiosk06.proto.sync.v1.VoidReason;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.EventBatch;
import vn.kiosk06.proto.sync.v1.HandshakeRequest;
import vn.kiosk06.proto.sync.v1.HandshakeResponse;
import vn.kiosk06.proto.sync.v1.Reception;
import vn.kiosk06.proto.sync.v1.SyncServiceGrpc;
import vn.kiosk06.server.RunningServer;
import vn.kiosk06.server.Uploads;
import vn.kiosk06.server.TestEvents;
import vn.kiosk06.server.store.DeviceSummary;
import vn.kiosk06.server.store.EventStore;
import vn.kiosk06.server.report.rollup.Rollup;
import vn.kiosk06.server.store.SeqRange;

/** The sync service over real gRPC against a real SQLite store. */
class SyncEndpointTest {

    @TempDir
    Path dir;
    RunningServer server;
    SyncServiceGrpc.SyncServiceBlockingStub blocking;

    @BeforeEach
    void start() {
        server = new RunningServer(dir);
        blocking = SyncServiceGrpc.newBlockingStub(server.channel()).withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
    }

    List<Ack> upload(EventBatch... batches) {
        return Uploads.upload(server.channel(), batches);
    }

    DeviceSummary device(String id) {
        return server.bean(EventStore.class).device(id).orElseThrow();
    }

    @Test
    void upload_batches_storedAndAckedWithWatermark() {
        List<Ack> acks = upload(TestEvents.batch("kiosk-1", 1, 100), TestEvents.batch("kiosk-1", 101, 250));

        assertThat(acks).extracting(Ack::getBatchLastSeq).containsExactly(100L, 250L);
        assertThat(acks.get(1).getWatermark()).isEqualTo(250);
        assertThat(device("kiosk-1").eventsStored()).isEqualTo(250);
    }

    @Test
    void upload_replayOfAckedBatch_changesNothingAndIsAcked() {
        EventBatch batch = TestEvents.batch("kiosk-1", 1, 50);
        upload(batch);

        Ack replay = upload(batch).get(0);

        assertThat(replay.getStored()).isZero();
        assertThat(replay.getDuplicates()).isEqualTo(50);
        assertThat(replay.getWatermark()).isEqualTo(50);
        assertThat(device("kiosk-1").eventsStored()).isEqualTo(50);
    }

    @Test
    void upload_oneMalformedEvent_othersLandAndBadOneIsQuarantinedWithReason() {
        EventBatch batch = TestEvents.batch("kiosk-1", 1, 10).toBuilder()
                .setEvents(4, TestEvents.payment(5, -5))
                .build();

        Ack ack = upload(batch).get(0);
        Ack next = upload(TestEvents.batch("kiosk-1", 11, 20)).get(0);

        assertThat(ack.getStored()).isEqualTo(9);
        assertThat(ack.getRejectedList()).singleElement().satisfies(r -> {
            assertThat(r.getSeq()).isEqualTo(5);
            assertThat(r.getReason()).isEqualTo("payment.amount_vnd must be ≥ 0, was -5");
        });
        assertThat(ack.getWatermark()).as("the poison event does not block the queue").isEqualTo(10);
        assertThat(next.getWatermark()).isEqualTo(20);
        assertThat(device("kiosk-1").quarantined()).isEqualTo(1);
        assertThat(server.bean(EventStore.class).quarantine("kiosk-1", 10)).singleElement()
                .satisfies(q -> assertThat(q.reason()).contains("amount_vnd"));
    }

    @Test
    void upload_unknownKindAndMissingFields_areQuarantinedWithNamedProblem() {
        Event unknownKind = TestEvents.envelope(1)
                .setUnknownFields(UnknownFieldSet.newBuilder()
                        .addField(42, UnknownFieldSet.Field.newBuilder().addVarint(7).build()).build())
                .build();
        Event missingCaseType = TestEvents.envelope(2).setReception(Reception.newBuilder().setDepartment("NOI")).build();
        Event noPayload = TestEvents.envelope(3).build();

        Ack ack = upload(EventBatch.newBuilder().setDeviceId("kiosk-1")
                .addEvents(unknownKind).addEvents(missingCaseType).addEvents(noPayload).build()).get(0);

        assertThat(ack.getRejectedList()).extracting(r -> r.getReason()).containsExactly(
                "unknown event kind or field (field numbers [42]); this server understands schema version 1",
                "reception.case_type is required",
                "event has no payload: expected one of reception, transaction_code_created, payment, card_read, "
                        + "field_assist, heartbeat, journal_salvaged, void_event");
        assertThat(ack.getWatermark()).isEqualTo(3);
    }

    @Test
    void upload_gap_isVisibleAsMissingRangeUntilFilled() {
        upload(TestEvents.batch("kiosk-1", 1, 10), TestEvents.batch("kiosk-1", 21, 30));

        assertThat(device("kiosk-1").watermark()).isEqualTo(10);
        assertThat(device("kiosk-1").missing()).containsExactly(new SeqRange(11, 20));
        HandshakeResponse hello = blocking.handshake(HandshakeRequest.newBuilder().setDeviceId("kiosk-1").build());
        assertThat(hello.getWatermark()).isEqualTo(10);
        assertThat(hello.getMissingList()).singleElement().satisfies(r -> assertThat(r.getFirst()).isEqualTo(11));

        Ack filled = upload(TestEvents.batch("kiosk-1", 11, 20)).get(0);

        assertThat(filled.getWatermark()).isEqualTo(30);
        assertThat(device("kiosk-1").missing()).isEmpty();
    }

    @Test
    void upload_assistAndItsVoid_theReportsDoNotCountTheAssist() {
        Event assist = TestEvents.envelope(1).setFieldAssist(FieldAssist.newBuilder()
                .setActivity(FieldActivity.VNEID_L2_ACTIVATION).setAgeGroup(AgeGroup.AGE_UNDER_6).setTeam("TCNS-AP3").setOrgUnit("P-AP3")
                .setCitizenKey(ByteString.copyFromUtf8("0123456789abcdef")))
                .build();
        Event kept = TestEvents.reception(2);
        Event voided = TestEvents.envelope(3).setVoidEvent(VoidEvent.newBuilder().setVoidedSeq(1)
                .setReason(VoidReason.MISTAP)).build();

        upload(EventBatch.newBuilder().setDeviceId("pi-1").addEvents(assist).addEvents(kept).build(),
                EventBatch.newBuilder().setDeviceId("pi-1").addEvents(voided).build());

        EventStore store = server.bean(EventStore.class);
        long[] all = store.rollupTotals(List.of("pi-1"), LocalDate.of(2000, 1, 1), LocalDate.of(2100, 1, 1)).counters();
        long[] unknown = store.timeUnknownTotals(List.of("pi-1")).counters();
        assertThat(all[Rollup.assistMetric(0, 0)] + unknown[Rollup.assistMetric(0, 0)]).isZero();
        assertThat(all[Rollup.BHYT] + unknown[Rollup.BHYT]).isEqualTo(1);
        assertThat(store.uniqueCitizens(List.of("pi-1"), LocalDate.of(2000, 1, 1), LocalDate.of(2100, 1, 1))).isZero();
        assertThat(store.quarantine("pi-1", 10)).isEmpty();
        assertThat(device("pi-1").eventsStored()).isEqualTo(3);
        assertThat(device("pi-1").quarantined()).isZero();
    }

    @Test
    void upload_seqZero_isInvalidArgumentNamingTheEvent() {
        EventBatch batch = TestEvents.batch("kiosk-1", 1, 3).toBuilder().setEvents(1, TestEvents.reception(0)).build();

        assertThatThrownBy(() -> upload(batch)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription()).isEqualTo("event #2 of the batch has seq 0; seq must be 1..9223372036854775807");
        });
        assertThat(server.bean(EventStore.class).device("kiosk-1")).isEmpty();
    }

    @Test
    void upload_tooManyEvents_isResourceExhausted() {
        assertThatThrownBy(() -> upload(TestEvents.batch("kiosk-1", 1, 5_001)))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                    assertThat(e.getStatus().getDescription()).isEqualTo("batch has 5001 events; at most 5000 per batch");
                });
    }

    @Test
    void upload_messageOverFourMebibytes_isResourceExhausted() {
        byte[] big = new byte[5 << 20];
        new Random(1).nextBytes(big);
        EventBatch huge = EventBatch.newBuilder().setDeviceId("kiosk-1")
                .addEvents(TestEvents.reception(1).toBuilder().setBootId(ByteString.copyFrom(big))).build();

        assertThatThrownBy(() -> upload(huge)).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
    }

    @Test
    void upload_streamSwitchesDevice_isInvalidArgument() {
        assertThatThrownBy(() -> upload(TestEvents.batch("kiosk-1", 1, 2), TestEvents.batch("kiosk-2", 1, 2)))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription())
                            .isEqualTo("this upload stream belongs to device 'kiosk-1' but the batch names device 'kiosk-2'");
                });
        assertThat(server.bean(EventStore.class).device("kiosk-2").map(DeviceSummary::eventsStored)).isEmpty();
    }

    @Test
    void handshake_badDeviceId_isInvalidArgument() {
        assertThatThrownBy(() -> blocking.handshake(HandshakeRequest.newBuilder().setDeviceId("kiosk 1; drop").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).startsWith("device_id must be 1–64 characters");
                });
    }

    @Test
    void handshake_returnsServerTimesAndConfig() {
        long before = System.currentTimeMillis();
        HandshakeResponse hello = blocking.handshake(HandshakeRequest.newBuilder().setDeviceId("kiosk-1").setAppVersion("0.1.0").build());

        assertThat(hello.getServerReceiveTimeMs()).isBetween(before, System.currentTimeMillis());
        assertThat(hello.getServerTransmitTimeMs()).isGreaterThanOrEqualTo(hello.getServerReceiveTimeMs());
        assertThat(hello.getConfig().getDepartmentsList()).extracting(d -> d.getCode()).contains("NOI", "NHI");
        org.awaitility.Awaitility.await("handshake recorded").atMost(java.time.Duration.ofSeconds(10))
                .pollInterval(java.time.Duration.ofMillis(10))
                .until(() -> server.bean(EventStore.class).device("kiosk-1").isPresent());
        assertThat(device("kiosk-1").appVersion()).isEqualTo("0.1.0");
    }

    @Test
    void handshake_departmentWithWhereToGo_sendsItsLocationForTheTicket(@TempDir Path other) throws Exception {
        try (RunningServer hospital = new RunningServer(other, java.util.Map.of("kiosk06.server.departments",
                List.of("NOI: Khám Nội | Phòng 105, tầng 1", "NHI: Khám Nhi")))) {
            HandshakeResponse hello = SyncServiceGrpc.newBlockingStub(hospital.channel())
                    .withDeadlineAfter(20, TimeUnit.SECONDS)
                    .handshake(HandshakeRequest.newBuilder().setDeviceId("kiosk-1").setAppVersion("0.1.0").build());

            assertThat(hello.getConfig().getDepartmentsList())
                    .extracting(d -> d.getCode() + "|" + d.getName() + "|" + d.getLocation())
                    .containsExactly("NOI|Khám Nội|Phòng 105, tầng 1", "NHI|Khám Nhi|");
        }
    }

    @Test
    void garbageBytesOnThePort_serverKeepsServing() throws Exception {
        byte[] junk = new byte[64 * 1024];
        new Random(7).nextBytes(junk);
        for (int i = 0; i < 5; i++) {
            try (Socket s = new Socket("127.0.0.1", server.grpcPort()); OutputStream out = s.getOutputStream()) {
                out.write(junk);
            } catch (java.io.IOException expected) {
                // the server may reset the connection mid-write; that is the point
            }
        }

        HealthCheckResponse health = HealthGrpc.newBlockingStub(server.channel()).withDeadlineAfter(5, TimeUnit.SECONDS)
                .check(HealthCheckRequest.getDefaultInstance());
        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        assertThat(upload(TestEvents.batch("kiosk-1", 1, 5)).get(0).getWatermark()).isEqualTo(5);
    }

    @Test
    void handshake_bytesThatAreNoProtobuf_isInvalidArgument_andTheServerKeepsServing() {
        io.grpc.MethodDescriptor.Marshaller<byte[]> raw = new io.grpc.MethodDescriptor.Marshaller<>() {
            @Override
            public java.io.InputStream stream(byte[] value) {
                return new java.io.ByteArrayInputStream(value);
            }

            @Override
            public byte[] parse(java.io.InputStream stream) {
                try {
                    return stream.readAllBytes();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        io.grpc.MethodDescriptor<byte[], byte[]> handshake = io.grpc.MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(SyncServiceGrpc.getHandshakeMethod().getFullMethodName())
                .setRequestMarshaller(raw).setResponseMarshaller(raw).build();
        // A truncated varint: never a valid message.
        byte[] junk = {(byte) 0x08, (byte) 0xff, (byte) 0xff};

        assertThatThrownBy(() -> io.grpc.stub.ClientCalls.blockingUnaryCall(server.channel(), handshake,
                io.grpc.CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), junk))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).startsWith("the request is not a valid HandshakeRequest message");
                });
        assertThat(upload(TestEvents.batch("kiosk-1", 1, 5)).get(0).getWatermark()).isEqualTo(5);
    }

    /** Completes {@code answer} with a stream's first response (or its error). */
    private static <T> io.grpc.stub.StreamObserver<T> firstAnswer(java.util.concurrent.CompletableFuture<T> answer) {
        return new io.grpc.stub.StreamObserver<>() {
            @Override
            public void onNext(T r) {
                answer.complete(r);
            }

            @Override
            public void onError(Throwable t) {
                answer.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
            }
        };
    }

    @Test
    void reflection_stillDescribesTheSyncService() throws Exception {
        java.util.concurrent.CompletableFuture<io.grpc.reflection.v1.ServerReflectionResponse> answer =
                new java.util.concurrent.CompletableFuture<>();
        io.grpc.stub.StreamObserver<io.grpc.reflection.v1.ServerReflectionRequest> requests =
                io.grpc.reflection.v1.ServerReflectionGrpc.newStub(server.channel()).withDeadlineAfter(5, TimeUnit.SECONDS)
                        .serverReflectionInfo(firstAnswer(answer));
        requests.onNext(io.grpc.reflection.v1.ServerReflectionRequest.newBuilder()
                .setFileContainingSymbol("kiosk06.sync.v1.SyncService").build());
        requests.onCompleted();

        assertThat(answer.get(5, TimeUnit.SECONDS).hasFileDescriptorResponse()).isTrue();
    }

    @Test
    void health_answersForEachServiceByName_notOnlyForTheWholeServer() {
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(server.channel())
                .withDeadlineAfter(5, TimeUnit.SECONDS);
        for (String service : List.of("", "kiosk06.sync.v1.SyncService", "kiosk06.sync.v1.EnrollmentService")) {
            assertThat(health.check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus())
                    .as("health of '%s'", service).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        }
        assertThatThrownBy(() -> health.check(HealthCheckRequest.newBuilder().setService("no.such.Service").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void reflectionV1alpha_listsTheServices_forOlderTools() throws Exception {
        java.util.concurrent.CompletableFuture<io.grpc.reflection.v1alpha.ServerReflectionResponse> answer =
                new java.util.concurrent.CompletableFuture<>();
        io.grpc.stub.StreamObserver<io.grpc.reflection.v1alpha.ServerReflectionRequest> requests =
                io.grpc.reflection.v1alpha.ServerReflectionGrpc.newStub(server.channel())
                        .withDeadlineAfter(5, TimeUnit.SECONDS)
                        .serverReflectionInfo(firstAnswer(answer));
        requests.onNext(io.grpc.reflection.v1alpha.ServerReflectionRequest.newBuilder().setListServices("").build());
        requests.onCompleted();

        assertThat(answer.get(5, TimeUnit.SECONDS).getListServicesResponse().getServiceList())
                .extracting(io.grpc.reflection.v1alpha.ServiceResponse::getName)
                .contains("kiosk06.sync.v1.SyncService", "kiosk06.sync.v1.EnrollmentService");
    }

    @Test
    void handshake_configNamesTheOrgUnitTheDeviceIsPlacedIn() {
        SyncServiceGrpc.SyncServiceBlockingStub blocking =
                SyncServiceGrpc.newBlockingStub(server.channel()).withDeadlineAfter(10, TimeUnit.SECONDS);
        java.util.function.Function<String, String> unitOf = id -> blocking
                .handshake(HandshakeRequest.newBuilder().setDeviceId(id).setAppVersion("0.1.0").build())
                .getConfig().getOrgUnit();

        assertThat(unitOf.apply("kiosk-pq-01")).as("placed under the health centre by the demo tree").isEqualTo("TTYT-PQ");
        assertThat(unitOf.apply("kiosk-new")).as("never placed").isEmpty();

        server.bean(vn.kiosk06.server.orgunit.OrgUnitDirectory.class).moveDevice("kiosk-new", "TCNS-DT",
                java.util.Optional.empty());
        assertThat(unitOf.apply("kiosk-new")).isEqualTo("TCNS-DT");
    }
}
