package vn.kiosk06.hardware.printer;

import java.text.Normalizer;

/**
 * Folds Vietnamese text to plain ASCII for devices without a Vietnamese code page: Đ→D, đ→d, then Unicode NFD
 * with every combining mark removed ("Nguyễn Thị Hằng" → "Nguyen Thi Hang"). Anything still outside printable
 * ASCII becomes {@code ?}. Receipt printers differ in which (if any) Vietnamese code page they ship (TCVN3, VISCII,
 * CP1258 …), so ASCII is the one encoding every printer prints the same. Stateless and thread-safe.
 */
public final class AsciiFolding {
    private AsciiFolding() {
    }

    /** The ASCII fold of {@code text}; line feeds are kept, other control characters become spaces. */
    public static String fold(String text) {
        String replaced = text.replace('Đ', 'D').replace('đ', 'd');
        String decomposed = Normalizer.normalize(replaced, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK || Character.getType(c) == Character.COMBINING_SPACING_MARK
                    || Character.getType(c) == Character.ENCLOSING_MARK) {
                continue;
            }
            if (c == '\n' || (c >= 0x20 && c < 0x7f)) {
                out.append(c);
            } else if (Character.isISOControl(c)) {
                out.append(' ');
            } else if (Character.isLowSurrogate(c)) {
                continue; // the high surrogate already produced one '?'
            } else {
                out.append('?');
            }
        }
        return out.toString();
    }
}
