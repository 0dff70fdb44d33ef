package vn.kiosk06.server;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;
import java.util.List;

/**
 * The aggregator's configuration ({@code kiosk06.server.*}, or environment variables such as
 * {@code KIOSK06_SERVER_DATA_DIR}); {@code ./kiosk06 server --data-dir DIR} sets the first. Its components are
 * keys of the config file ({@code config.ServerConfigFile}): a new component is a new key unless declared otherwise.
 *
 * @param dataDir         where the embedded store's file lives
 * @param facilityName    the facility name sent to devices for their tickets (until org units configure it)
 * @param feeVnd          the examination fee shown to fee-paying patients, VND
 * @param departments     departments offered at kiosks, each "CODE:Display name" or "CODE:Display name | where to go"
 * @param orgUnits        the org-unit tree CSV (see {@code OrgUnitTree}) imported into the database on the first start
 *                        against it; unset: the bundled Phú Quốc demo tree. Later the database holds the tree
 *                        (admin edits go there), and this file is no longer read
 * @param targets         the targets CSV (see {@code TargetsFile}) imported likewise; unset: the bundled demo targets
 * @param silentAfterDays a device with no call for more than this many days is flagged silent
 * @param db              the database: unset for the embedded SQLite file in {@code dataDir} (one instance), or
 *                        PostgreSQL as {@code postgresql://user:pass@host:port/db} or a {@code jdbc:postgresql:} URL
 *                        (several instances may share it)
 * @param insecure        true: plaintext gRPC and no device enrollment (development only)
 * @param citizenKeyFile  the citizen key (HMAC secret for citizen pseudonyms); unset: data-dir/citizen-key.secret,
 *                        generated on first start
 * @param sealingKeysFile the key ring devices seal citizen ids to; unset: citizen-sealing-keys.properties beside
 *                        the citizen key file, or in data-dir
 */
@ConfigurationProperties("kiosk06.server")
public record ServerConfig(@Bindable(defaultValue = "data") Path dataDir,
                           @Bindable(defaultValue = "Trung tâm Y tế đặc khu Phú Quốc") String facilityName,
                           @Bindable(defaultValue = "50000") long feeVnd,
                           @Bindable(defaultValue = "NOI:Khám Nội,NGOAI:Khám Ngoại,NHI:Khám Nhi,SAN:Khám Sản,RHM:Răng Hàm Mặt")
                           List<String> departments,
                           @Nullable Path orgUnits,
                           @Nullable Path targets,
                           @Bindable(defaultValue = "3") int silentAfterDays,
                           @Nullable String db,
                           @Bindable(defaultValue = "false") boolean insecure,
                           @Nullable Path citizenKeyFile,
                           @Nullable Path sealingKeysFile) {
}
