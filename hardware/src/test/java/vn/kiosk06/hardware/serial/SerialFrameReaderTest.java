package vn.kiosk06.hardware.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transport over a real pseudo-terminal pair (socat). */
class SerialFrameReaderTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private SocatPair pty;
    private SerialFrameReader reader;
    private final Recording events = new Recording();

    /** Records what the reader reports, in order. */
    static final class Recording implements SerialFrameListener {
        final List<String> frames = new CopyOnWriteArrayList<>();
        final List<String> log = new CopyOnWriteArrayList<>();

        @Override
        public void onFrame(byte[] frame) {
            frames.add(new String(frame, StandardCharsets.UTF_8));
        }

        @Override
        public void onOversizedFrame(int length) {
            log.add("oversized " + length);
        }

        @Override
        public void onConnected(String path) {
            log.add("connected");
        }

        @Override
        public void onDisconnected(String path, String reason) {
            log.add("disconnected");
        }
    }

    private void start(Framing framing) {
        pty = new SocatPair(dir);
        SerialPortConfig config = SerialPortConfig.of(pty.hostPath(), framing)
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(400))
                .withMaxFrameBytes(256);
        reader = new SerialFrameReader(config, events);
        reader.start();
        await().atMost(WAIT).until(reader::isConnected);
    }

    @AfterEach
    void tearDown() {
        if (reader != null) {
            reader.close();
        }
        if (pty != null) {
            pty.close();
        }
    }

    private void write(String s) {
        pty.deviceWrites(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void read_validAndCorruptFrames_areAllDelivered() {
        start(Framing.LINE);
        write("001090012345||Trần Văn An|01021990|Nam|Hà Nội|01012021\r\n");
        write("\u00ff\u0000garbage\n");
        await().atMost(WAIT).until(() -> events.frames.size() == 2);
        assertThat(events.frames.get(0)).startsWith("001090012345||Trần Văn An");
    }

    @Test
    void read_frameSplitAcrossWrites_isReassembled() {
        start(Framing.LINE);
        write("first-half/");
        // The half frame is read on its own and must not be delivered as a frame while it waits for its end.
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(events.frames::isEmpty);
        write("second-half\n");
        await().atMost(WAIT).until(() -> events.frames.size() == 1);
        assertThat(events.frames).containsExactly("first-half/second-half");
    }

    @Test
    void read_twoFramesInOneWrite_areBothDelivered() {
        start(Framing.LINE);
        write("alpha\nbeta\n");
        await().atMost(WAIT).until(() -> events.frames.size() == 2);
        assertThat(events.frames).containsExactly("alpha", "beta");
    }

    @Test
    void read_stxEtxFraming_works() {
        start(Framing.STX_ETX);
        write("\u0002CARD_PRESENT\u0003\u0002CARD_");
        write("REMOVED\u0003");
        await().atMost(WAIT).until(() -> events.frames.size() == 2);
        assertThat(events.frames).containsExactly("CARD_PRESENT", "CARD_REMOVED");
    }

    @Test
    void read_oversizedFrame_isReportedAndNextFrameFlows() {
        start(Framing.LINE);
        write("x".repeat(1000) + "\nafter\n");
        await().atMost(WAIT).until(() -> events.frames.contains("after"));
        assertThat(events.log).contains("oversized 1000");
    }

    @Test
    void unplugThenReplug_reportsDisconnectedThenConnected_andFramesFlowAgain() {
        start(Framing.LINE);
        write("before\n");
        await().atMost(WAIT).until(() -> events.frames.contains("before"));

        pty.unplug();
        await().atMost(WAIT).until(() -> events.log.contains("disconnected"));
        assertThat(reader.isConnected()).isFalse();

        pty.plug();
        await().atMost(WAIT).until(() -> events.log.lastIndexOf("connected") > events.log.indexOf("disconnected"));
        write("after\n");
        await().atMost(WAIT).until(() -> events.frames.contains("after"));
        assertThat(events.log).containsSubsequence("connected", "disconnected", "connected");
    }

    @Test
    void start_portMissing_reportsDisconnectedOnceAndConnectsWhenItAppears() {
        SerialPortConfig config = SerialPortConfig.of(dir.resolve("ttyHOST").toString(), Framing.LINE)
                .withBackoff(Duration.ofMillis(20), Duration.ofMillis(100));
        reader = new SerialFrameReader(config, events);
        reader.start();
        await().atMost(WAIT).until(() -> events.log.contains("disconnected"));
        // Several retries fit in this window; the loss must still be reported only once.
        await().during(Duration.ofMillis(400)).atMost(WAIT).until(() -> events.log.equals(List.of("disconnected")));

        pty = new SocatPair(dir);
        await().atMost(WAIT).until(reader::isConnected);
        assertThat(events.log).containsExactly("disconnected", "connected");
    }
}
