package vn.kiosk06.server.report;

/**
 * Keeps text that a spreadsheet would run as a formula from running when a CSV export is opened (OWASP's
 * CSV-injection rule): a cell starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return
 * gets a leading {@code '}, so Excel and LibreOffice show it as text. Only for text cells (unit codes and names);
 * numbers are written as numbers and stay unprefixed. The .xlsx export needs none of this: it writes names as text
 * cells, which a spreadsheet never evaluates.
 */
final class CsvInjection {

    private CsvInjection() {
    }

    /** {@code text}, prefixed with {@code '} if a spreadsheet would read it as a formula. */
    static String inert(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }
}
