package vn.kiosk06.server;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;
import java.util.List;

/**
 * The aggregator's configuration ({@code kiosk06.server.*}, or environment variables such as
 * {@code KIOSK06_SERVER_DATA_DIR}); {@code ./kiosk06 server --data-dir DIR} sets the first.
 *
 * @param dataDir      where the embedded store's file lives
 * @param facilityName the facility name sent to devices for their tickets (until org units configure it)
 * @param feeVnd       the examination fee shown to fee-paying patients, VND
 * @param departments  departments offered at kiosks, each "CODE:Display name"
 */
@ConfigurationProperties("kiosk06.server")
public record ServerConfig(@Bindable(defaultValue = "data") Path dataDir,
                           @Bindable(defaultValue = "Trung tâm Y tế đặc khu Phú Quốc") String facilityName,
                           @Bindable(defaultValue = "50000") long feeVnd,
                           @Bindable(defaultValue = "NOI:Khám Nội,NGOAI:Khám Ngoại,NHI:Khám Nhi,SAN:Khám Sản,RHM:Răng Hàm Mặt")
                           List<String> departments) {
}
