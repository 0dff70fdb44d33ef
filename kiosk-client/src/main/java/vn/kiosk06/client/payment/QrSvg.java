package vn.kiosk06.client.payment;

import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.util.Map;

/**
 * Draws a QR code as a small SVG, so the payment screen needs no image library or network: ZXing computes the
 * module matrix, this class writes one path with a unit square per dark module and a 4-module quiet zone.
 * Stateless and thread-safe.
 */
public final class QrSvg {

    private static final int QUIET_ZONE = 4;

    private QrSvg() {
    }

    /** The SVG markup of a QR code for {@code text} (error correction M, as bank apps expect). */
    public static String of(String text) {
        ByteMatrix matrix;
        try {
            matrix = Encoder.encode(text, ErrorCorrectionLevel.M,
                    Map.of(com.google.zxing.EncodeHintType.CHARACTER_SET, "UTF-8")).getMatrix();
        } catch (WriterException e) {
            throw new IllegalArgumentException("text does not fit in a QR code: " + e.getMessage(), e);
        }
        int size = matrix.getWidth() + 2 * QUIET_ZONE;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                if (matrix.get(x, y) == 1) {
                    path.append('M').append(x + QUIET_ZONE).append(',').append(y + QUIET_ZONE).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
                + "\" shape-rendering=\"crispEdges\"><rect width=\"" + size + "\" height=\"" + size
                + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }
}
