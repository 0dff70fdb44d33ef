package vn.kiosk06.wire;

/**
 * What a community digital-technology team helped a citizen with. Constant names match the v1 wire enum
 * ({@code kiosk06.sync.v1.FieldActivity}); the phrases are the ones the official reports use.
 */
public enum FieldActivity {
    /** VNeID level-2 account activated ("định danh điện tử mức 2"). */
    VNEID_L2_ACTIVATION("kích hoạt tài khoản định danh điện tử mức 2", "VNeID level-2 activations"),
    /** Health-insurance card integrated into VNeID ("tích hợp thẻ BHYT"). */
    BHYT_INTEGRATION("tích hợp thẻ BHYT trên VNeID", "health-insurance cards integrated into VNeID"),
    /** E-health book set up ("Sổ sức khỏe điện tử"). */
    EHEALTH_BOOK("tạo lập Sổ sức khỏe điện tử trên VNeID", "e-health books set up"),
    /** Helped to file an online public service ("dịch vụ công trực tuyến"). */
    ONLINE_SERVICE_HELP("hỗ trợ nộp hồ sơ dịch vụ công trực tuyến", "online public-service filings helped");

    private final String vietnamese;
    private final String english;

    FieldActivity(String vietnamese, String english) {
        this.vietnamese = vietnamese;
        this.english = english;
    }

    /** The phrase used in the report paragraph and export headers. */
    public String vietnamese() {
        return vietnamese;
    }

    /** The English phrase used in the English paragraph. */
    public String english() {
        return english;
    }
}
