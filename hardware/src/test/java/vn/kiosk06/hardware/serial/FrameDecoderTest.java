package vn.kiosk06.hardware.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
    private final List<String> frames = new ArrayList<>();
    private final List<Integer> oversized = new ArrayList<>();
    private final FrameDecoder.Sink sink = new FrameDecoder.Sink() {
        @Override
        public void onFrame(byte[] frame) {
            frames.add(new String(frame, StandardCharsets.UTF_8));
        }

        @Override
        public void onOversizedFrame(int length) {
            oversized.add(length);
        }
    };

    private static void feed(FrameDecoder decoder, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        decoder.accept(b, b.length);
    }

    @Test
    void line_crLfAndCrlf_allDelimitAndEmptyLinesAreSkipped() {
        FrameDecoder d = new FrameDecoder(Framing.LINE, 64, sink);
        feed(d, "one\rtwo\nthree\r\n\r\nfour");
        assertThat(frames).containsExactly("one", "two", "three");
        feed(d, "\n");
        assertThat(frames).containsExactly("one", "two", "three", "four");
    }

    @Test
    void line_frameSplitAcrossReads_isReassembled() {
        FrameDecoder d = new FrameDecoder(Framing.LINE, 64, sink);
        feed(d, "abc");
        feed(d, "def\r");
        feed(d, "\n");
        assertThat(frames).containsExactly("abcdef");
    }

    @Test
    void line_oversizedFrame_isDroppedAndReportedThenNextFrameFlows() {
        FrameDecoder d = new FrameDecoder(Framing.LINE, 16, sink);
        feed(d, "x".repeat(40));
        feed(d, "y".repeat(10) + "\nok\n");
        assertThat(frames).containsExactly("ok");
        assertThat(oversized).containsExactly(50);
    }

    @Test
    void line_frameOfExactlyMax_isKept() {
        FrameDecoder d = new FrameDecoder(Framing.LINE, 16, sink);
        feed(d, "z".repeat(16) + "\n");
        assertThat(frames).containsExactly("z".repeat(16));
        assertThat(oversized).isEmpty();
    }

    @Test
    void stxEtx_noiseBetweenFramesIsDroppedAndCrLfInsideIsKept() {
        FrameDecoder d = new FrameDecoder(Framing.STX_ETX, 64, sink);
        feed(d, "noise\u0002a\r\nb\u0003junk\u0002c\u0003");
        assertThat(frames).containsExactly("a\r\nb", "c");
    }

    @Test
    void stxEtx_missingEtx_nextStxRestarts() {
        FrameDecoder d = new FrameDecoder(Framing.STX_ETX, 64, sink);
        feed(d, "\u0002lost\u0002kept\u0003");
        assertThat(frames).containsExactly("kept");
    }

    @Test
    void stxEtx_oversized_isReported() {
        FrameDecoder d = new FrameDecoder(Framing.STX_ETX, 16, sink);
        feed(d, "\u0002" + "q".repeat(20) + "\u0003\u0002fine\u0003");
        assertThat(oversized).containsExactly(20);
        assertThat(frames).containsExactly("fine");
    }
}
