package vn.kiosk06.client.flow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kiosk06.client.files.OwnerOnly;
import vn.kiosk06.proto.sync.v1.Department;
import vn.kiosk06.proto.sync.v1.DeviceConfig;

/**
 * What the server tells the device to offer — facility name, departments, fee — as last received at a sync
 * handshake. The copy is kept in the data dir, so a kiosk restarted while the network is down still shows its
 * departments. A fee in the device's own config file overrides the server's.
 *
 * <p>Thread-safe: updated on the sync thread, read on request threads.
 */
public final class DeviceProfile {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceProfile.class);

    private final Path file;
    private final String facilityCode;
    private final Optional<Long> feeOverride;
    private volatile DeviceConfig server;

    private DeviceProfile(Path file, String facilityCode, Optional<Long> feeOverride, DeviceConfig server) {
        this.file = file;
        this.facilityCode = facilityCode;
        this.feeOverride = feeOverride;
        this.server = server;
    }

    /** Loads the copy kept in {@code file}, if any. */
    public static DeviceProfile load(Path file, String facilityCode, Optional<Long> feeOverride) {
        DeviceConfig kept = DeviceConfig.getDefaultInstance();
        if (Files.exists(file)) {
            try {
                kept = DeviceConfig.parseFrom(Files.readAllBytes(file));
            } catch (IOException e) {
                LOG.warn("device profile: kept copy {} unreadable ({}); waiting for the server's", file, e.getMessage());
            }
        }
        return new DeviceProfile(file, Objects.requireNonNull(facilityCode, "facilityCode"),
                Objects.requireNonNull(feeOverride, "feeOverride"), kept);
    }

    /** Takes the configuration of a handshake; register with {@code SyncWorker.onConfig}. */
    public void onConfig(DeviceConfig config) {
        if (config.equals(server)) {
            return;
        }
        server = config;
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.write(OwnerOnly.file(tmp), config.toByteArray());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("device profile: cannot keep a copy in {} ({})", file, e.getMessage());
        }
        LOG.info("device profile: {} departments, fee {} VND", config.getDepartmentsCount(), config.getFeeVnd());
    }

    /** The facility's name for screens and tickets; the facility code until the server has named it. */
    public String facilityName() {
        String name = server.getFacilityName();
        return name.isBlank() ? facilityCode : name;
    }

    /** The departments a patient can choose, in display order; empty before the first handshake. */
    public List<Department> departments() {
        return server.getDepartmentsList();
    }

    /** The department with {@code code}, if offered. */
    public Optional<Department> department(String code) {
        return server.getDepartmentsList().stream().filter(d -> d.getCode().equals(code)).findFirst();
    }

    /** The fee for a fee-paying patient, VND: the config file's, else the server's. */
    public long feeVnd() {
        return feeOverride.orElse(server.getFeeVnd());
    }

    /** The org unit the server assigned, if any. */
    public Optional<String> orgUnit() {
        return Optional.of(server.getOrgUnit()).filter(s -> !s.isBlank());
    }
}
