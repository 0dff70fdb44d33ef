package vn.kiosk06.server.enroll;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import vn.kiosk06.server.audit.AuditLog;
import vn.kiosk06.server.db.Database;
import vn.kiosk06.server.db.Databases;
import vn.kiosk06.server.files.OwnerOnly;
import vn.kiosk06.server.orgunit.OrgUnitDirectory;
import vn.kiosk06.server.orgunit.OrgUnitTree;

/**
 * {@code ./kiosk06 admin device add --csv FILE [--sheet FILE.html]}: registers every device of a CSV file in one
 * transaction ({@link DeviceCsvImport} checks the whole file first), prints their codes as CSV on standard output
 * and, with {@code --sheet}, writes the technicians' printable QR sheet ({@link EnrollmentSheet}, owner-only, as the
 * codes are credentials until used). One audit entry for the batch; each device's row records who registered it.
 */
final class BulkDeviceAdd {

    private BulkDeviceAdd() {
    }

    /** Exit code: 0 done, 2 refused (the file's problems on {@code err}, nothing registered), 1 failed. */
    static int run(AdminDeviceCommand.Store store, Path csv, Optional<Path> sheet, Duration validity, String by,
                   Optional<String> address, PrintWriter out, PrintWriter err) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(csv))).toString();
        } catch (CharacterCodingException e) {
            err.println("kiosk06 admin: " + csv + " is not UTF-8 text; save it as CSV UTF-8. Nothing registered.");
            return 2;
        } catch (IOException e) {
            err.println("kiosk06 admin: cannot read " + csv + ": " + e.getMessage());
            return 2;
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // the byte-order mark spreadsheets put before "CSV UTF-8"
        }
        Optional<Path> sheetDir = sheet.map(p -> p.toAbsolutePath().getParent());
        if (sheetDir.isPresent() && !Files.isDirectory(sheetDir.get())) {
            err.println("kiosk06 admin: --sheet " + sheet.get() + ": no directory " + sheetDir.get() + ". Nothing registered.");
            return 2;
        }
        Object configured = store.props().get("kiosk06.server.org-units");
        try (Database db = Databases.open(store.db(), store.dataDir())) {
            OrgUnitTree units = new OrgUnitDirectory(db, store.dataDir(), configured == null ? null : Path.of(configured.toString())).tree();
            DeviceRegistry registry = store.registry(db);
            List<DeviceCsvImport.Row> rows = DeviceCsvImport.parse(text, csv.toString(), units, registry::find);
            List<IssuedCode> issued = registry.registerAll(rows.stream().map(DeviceCsvImport.Row::device).toList(),
                    validity, by, address);
            List<DeviceCsvImport.Registered> registered = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                registered.add(new DeviceCsvImport.Registered(rows.get(i).deviceId(), rows.get(i).unitCode(), issued.get(i)));
            }
            new AuditLog(db, Clock.systemUTC()).record(AdminDeviceCommand.actor(by), AuditLog.DEVICE_ENROLL,
                    "csv:" + csv.getFileName(), rows.size() + " devices for unit(s) "
                            + rows.stream().map(DeviceCsvImport.Row::unitCode).distinct().sorted().collect(Collectors.joining(" "))
                            + ", codes valid " + validity);
            // The codes first: should the sheet fail to be written, the batch's codes are still in the admin's hands.
            StringWriter codes = new StringWriter();
            DeviceCsvImport.writeCodes(codes, registered);
            out.print(codes);
            out.flush();
            if (sheet.isPresent()) {
                String fingerprint = issued.get(0).code().fingerprintHex();
                OwnerOnly.write(sheet.get(), EnrollmentSheet.html(registered, fingerprint, Clock.systemUTC().instant(),
                        ZoneId.systemDefault()));
            }
            err.println("kiosk06 admin: " + rows.size() + " devices registered from " + csv + "; their one-time codes are "
                    + "above (CSV)" + sheet.map(p -> ", the technicians' QR sheet is " + p).orElse("")
                    + ". Until used, each code enrolls its device: keep them safe.");
            return 0;
        } catch (EnrollmentException e) {
            err.println("kiosk06 admin: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("kiosk06 admin: the devices were registered and their codes printed above, but the sheet could "
                    + "not be written: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("kiosk06 admin: " + e.getMessage());
            return 1;
        }
    }
}
