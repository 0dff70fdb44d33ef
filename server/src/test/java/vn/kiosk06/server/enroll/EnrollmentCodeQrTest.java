package vn.kiosk06.server.enroll;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vn.kiosk06.wire.EnrollmentCode;

/** The dashboard's QR code of an enrollment code reads back, with ZXing's own reader, as exactly the code. */
class EnrollmentCodeQrTest {

    static final Pattern MODULE = Pattern.compile("M(\\d+),(\\d+)h1v1h-1z");
    static final Pattern SIZE = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");

    @Test
    void qrCode_readsBackAsTheCodeText() throws Exception {
        byte[] fingerprint = new byte[32];
        new SecureRandom().nextBytes(fingerprint);
        String text = EnrollmentCode.random(new SecureRandom(), fingerprint, Optional.of("sync.example.vn:7443")).text();

        String uri = EnrollmentCodeQr.dataUri(text);

        assertThat(uri).startsWith("data:image/svg+xml;base64,");
        String svg = new String(Base64.getDecoder().decode(uri.substring(uri.indexOf(',') + 1)), StandardCharsets.UTF_8);
        assertThat(decode(svg)).isEqualTo(text);
    }

    /** Rasterises the SVG's unit squares (4 px each) and reads it as a scanner would. */
    static String decode(String svg) throws Exception {
        Matcher size = SIZE.matcher(svg);
        assertThat(size.find()).isTrue();
        int scale = 4;
        int w = Integer.parseInt(size.group(1)) * scale;
        int h = Integer.parseInt(size.group(2)) * scale;
        int[] pixels = new int[w * h];
        java.util.Arrays.fill(pixels, 0xFFFFFFFF);
        Matcher m = MODULE.matcher(svg);
        while (m.find()) {
            int x = Integer.parseInt(m.group(1)) * scale;
            int y = Integer.parseInt(m.group(2)) * scale;
            for (int dy = 0; dy < scale; dy++) {
                for (int dx = 0; dx < scale; dx++) {
                    pixels[(y + dy) * w + x + dx] = 0xFF000000;
                }
            }
        }
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w, h, pixels)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }
}
