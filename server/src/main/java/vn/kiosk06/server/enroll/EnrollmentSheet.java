package vn.kiosk06.server.enroll;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A printable sheet of enrollment codes for technicians: one self-contained HTML page (no script, no network; the
 * QR codes are inline SVG from {@link EnrollmentCodeQr}), a grid of cards — QR code, device id, unit, expiry — that
 * prints on A4, each card kept whole on a page, to be cut apart and handed out with the devices. Anyone holding a
 * card can enroll its device until the code is used or expires: the page says so. Stateless.
 */
public final class EnrollmentSheet {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx", Locale.ROOT);

    private EnrollmentSheet() {
    }

    /**
     * The sheet for {@code registered}, with times in {@code zone}.
     *
     * @param fingerprintHex the server certificate's SHA-256 the codes pin (printed so a technician can compare it)
     */
    public static String html(List<DeviceCsvImport.Registered> registered, String fingerprintHex, Instant made, ZoneId zone) {
        StringBuilder s = new StringBuilder(4096 + registered.size() * 9000);
        s.append("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <title>Kiosk06 enrollment codes</title>
                <style>
                  body { font-family: sans-serif; margin: 1cm; }
                  .grid { display: grid; grid-template-columns: repeat(3, 1fr); gap: 0.4cm; }
                  .card { border: 1px dashed #888; padding: 0.3cm; text-align: center; break-inside: avoid; page-break-inside: avoid; }
                  .card img { width: 4.5cm; height: 4.5cm; }
                  .id { font-weight: bold; font-family: monospace; font-size: 12pt; word-break: break-all; }
                  .unit, .expires { font-size: 9pt; }
                  .note { font-size: 9pt; color: #444; }
                  @page { size: A4; margin: 1cm; }
                  @media print { body { margin: 0; } }
                </style></head><body>
                """);
        s.append("<h1>Kiosk06 enrollment codes</h1>\n<p class=\"note\">").append(registered.size())
                .append(registered.size() == 1 ? " device" : " devices").append(", made ")
                .append(WHEN.format(made.atZone(zone))).append(". On the device: <code>kiosk06 client enroll</code>, scan the code. ")
                .append("Each code works once, until the time on its card; until then it is a credential: keep the sheet ")
                .append("safe and destroy it after roll-out. Server certificate SHA-256: <code>").append(escape(fingerprintHex))
                .append("</code></p>\n<div class=\"grid\">\n");
        for (DeviceCsvImport.Registered r : registered) {
            s.append("<div class=\"card\"><img alt=\"enrollment code for ").append(escape(r.deviceId())).append("\" src=\"")
                    .append(EnrollmentCodeQr.dataUri(r.issued().code().text())).append("\">")
                    .append("<div class=\"id\">").append(escape(r.deviceId())).append("</div>")
                    .append("<div class=\"unit\">unit ").append(escape(r.unitCode())).append("</div>")
                    .append("<div class=\"expires\">valid until ").append(WHEN.format(r.issued().expiresAt().atZone(zone)))
                    .append("</div></div>\n");
        }
        s.append("</div>\n</body></html>\n");
        return s.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
