package vn.kiosk06.server.report;

/** A report was asked for an org unit the tree does not have. */
public final class UnknownUnitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnknownUnitException(String unitCode) {
        super("unknown org unit \"" + unitCode + "\"; GET /api/v1/units lists them");
    }
}
