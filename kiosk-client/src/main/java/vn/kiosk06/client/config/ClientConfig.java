package vn.kiosk06.client.config;

import vn.kiosk06.configkeys.FileKeys;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import vn.kiosk06.client.journal.JournalSettings;
import vn.kiosk06.hardware.gpio.GpioPins;

/**
 * The device app's configuration ({@code kiosk06.client.*}; environment variables such as
 * {@code KIOSK06_CLIENT_DEVICE_ID} work too). Usually written by {@link ClientConfigFile} from the file
 * given with {@code ./kiosk06 client --config FILE}. Its components are the file's keys (see {@link FileKeys}): a
 * new component is a new key.
 *
 * @param deviceId         this device's id, e.g. "kiosk-pq-01"
 * @param server           the aggregator's gRPC address, host:port
 * @param dataDir          where the journal and device state live
 * @param mode             "kiosk" (patient self-service) or "field" (door-to-door handheld)
 * @param journalMaxBytes  disk the journal may use (the file's journal-max-mb)
 * @param journalMinFreeBytes free disk the journal leaves on the device (the file's journal-min-free-mb)
 * @param retention        how long acked events stay on the device
 * @param syncInterval     how often to sync when idle
 * @param qrReader         serial port of the QR scanner, e.g. /dev/serial/by-id/usb-…-if00; null when none
 * @param qrReaderFraming  line or stx-etx
 * @param qrReaderBaud     the QR scanner's baud rate
 * @param chipReader       serial port of the chip reader; null when none
 * @param chipReaderFraming line or stx-etx
 * @param chipReaderBaud   the chip reader's baud rate
 * @param printer          serial port of the ESC/POS ticket printer; null when none
 * @param printerBaud      the printer's baud rate
 * @param gpio             auto (status light, buzzer and sync button on a Raspberry Pi) or off
 * @param gpioLightGreen   BCM pin of the status light's green LED
 * @param gpioLightAmber   BCM pin of the amber LED
 * @param gpioLightRed     BCM pin of the red LED
 * @param gpioBuzzer       BCM pin of the buzzer
 * @param gpioButton       BCM pin of the "sync now" button
 * @param citizenKeySecretFile the deployment's citizen-key secret; null means data-dir/citizen-key.secret,
 *                         generated on first start
 * @param facilityCode     short code of the facility, the first part of every transaction code (e.g. PQ01)
 * @param feeVnd           fee shown to a fee-paying patient, VND; null means the server's configured fee
 * @param idleTimeout      untouched this long, a kiosk screen returns to Welcome and forgets the person
 * @param paymentTimeout   how long the payment screen waits for the bank's confirmation
 * @param paymentWebhookSecret shared secret the payment gateway's webhook must send; null disables the webhook
 * @param bankBin          6-digit NAPAS BIN of the facility's bank, for VietQR
 * @param bankAccount      the facility's account number, for VietQR
 * @param bankName         the bank's name the payment screen shows, e.g. Vietcombank
 * @param bankAccountName  the account holder the payment screen shows; unset: the facility's name
 * @param staffConfirm     on: the payment screen offers a staff "confirm" button (demo); off in production
 * @param teams            comma list of field teams a handheld offers
 * @param areas            comma list of areas (ward, village) a handheld offers
 * @param insuranceCards   offline insurance rules: what a scanned card without a BHYT number counts as
 *                         (insured or uninsured)
 * @param insuranceExpired offline insurance rules: comma list of BHYT numbers treated as expired (demo)
 * @param insuranceGroups  offline insurance rules: comma list of accepted 2-letter group codes of old 15-character
 *                         cards; empty accepts every group
 * @param insecure         true: plaintext sync without enrollment (development only)
 */
@ConfigurationProperties("kiosk06.client")
public record ClientConfig(String deviceId,
                           String server,
                           Path dataDir,
                           @Bindable(defaultValue = "kiosk") String mode,
                           @Bindable(defaultValue = "536870912") long journalMaxBytes,
                           @Bindable(defaultValue = "" + JournalSettings.DEFAULT_MIN_FREE_BYTES) long journalMinFreeBytes,
                           @Bindable(defaultValue = "7d") Duration retention,
                           @Bindable(defaultValue = "60s") Duration syncInterval,
                           @Nullable String qrReader,
                           @Bindable(defaultValue = QR_FRAMING) String qrReaderFraming,
                           @Bindable(defaultValue = READER_BAUD) int qrReaderBaud,
                           @Nullable String chipReader,
                           @Bindable(defaultValue = CHIP_FRAMING) String chipReaderFraming,
                           @Bindable(defaultValue = READER_BAUD) int chipReaderBaud,
                           @Nullable String printer,
                           @Bindable(defaultValue = PRINTER_BAUD) int printerBaud,
                           @Bindable(defaultValue = "auto") String gpio,
                           @Bindable(defaultValue = "" + GpioPins.DEFAULT_GREEN) int gpioLightGreen,
                           @Bindable(defaultValue = "" + GpioPins.DEFAULT_AMBER) int gpioLightAmber,
                           @Bindable(defaultValue = "" + GpioPins.DEFAULT_RED) int gpioLightRed,
                           @Bindable(defaultValue = "" + GpioPins.DEFAULT_BUZZER) int gpioBuzzer,
                           @Bindable(defaultValue = "" + GpioPins.DEFAULT_BUTTON) int gpioButton,
                           @Nullable Path citizenKeySecretFile,
                           @Bindable(defaultValue = "KIOSK") String facilityCode,
                           @Nullable Long feeVnd,
                           @Bindable(defaultValue = "60s") Duration idleTimeout,
                           @Bindable(defaultValue = "5m") Duration paymentTimeout,
                           @Nullable String paymentWebhookSecret,
                           @Nullable String bankBin,
                           @Nullable String bankAccount,
                           @Nullable String bankName,
                           @Nullable String bankAccountName,
                           @Bindable(defaultValue = "off") String staffConfirm,
                           @Nullable String teams,
                           @Nullable String areas,
                           @Bindable(defaultValue = "insured") String insuranceCards,
                           @Nullable String insuranceExpired,
                           @Nullable String insuranceGroups,
                           @Bindable(defaultValue = "false") boolean insecure) {

    /** Framing of a QR scanner when the file does not say: most scanners in serial mode end a code with CR/LF. */
    public static final String QR_FRAMING = "line";
    /** Framing of a chip reader when the file does not say: its frames may hold line breaks. */
    public static final String CHIP_FRAMING = "stx-etx";
    /** Baud rate of a reader when the file does not say. */
    public static final String READER_BAUD = "9600";
    /** Baud rate of a receipt printer when the file does not say. */
    public static final String PRINTER_BAUD = "19200";

    public Path journalFile() {
        return dataDir.resolve("journal.db");
    }

    /** The QR scanner's port, if the device has one. */
    public Optional<String> qrReaderPort() {
        return Optional.ofNullable(qrReader).filter(p -> !p.isBlank());
    }

    /** The chip reader's port, if the device has one. */
    public Optional<String> chipReaderPort() {
        return Optional.ofNullable(chipReader).filter(p -> !p.isBlank());
    }

    /** The ticket printer's port, if the device has one. */
    public Optional<String> printerPort() {
        return Optional.ofNullable(printer).filter(p -> !p.isBlank());
    }

    /** Where the citizen-key secret lives: the configured file, or data-dir/citizen-key.secret. */
    public Path citizenKeySecretPath() {
        return citizenKeySecretFile != null ? citizenKeySecretFile : dataDir.resolve("citizen-key.secret");
    }

    /** The field teams a handheld offers, in the file's order. */
    public List<String> teamList() {
        return commaList(teams);
    }

    /** The areas a handheld offers, in the file's order. */
    public List<String> areaList() {
        return commaList(areas);
    }

    /** True when the payment screen offers the staff "confirm" button (demo only). */
    public boolean staffConfirmEnabled() {
        return "on".equals(staffConfirm) || "true".equals(staffConfirm);
    }

    /** Splits a comma list, trimming each item and dropping empty ones. */
    public static List<String> commaList(@Nullable String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }

    /**
     * The configured pins (defaults: {@link GpioPins#defaults()}), LEDs and buzzer active-high, button to ground.
     * A file's pins are checked by {@link ClientConfigFile}; pins from elsewhere (environment) are checked here.
     */
    public GpioPins gpioPins() {
        GpioPins wiring = GpioPins.defaults();
        return new GpioPins(gpioLightGreen, gpioLightAmber, gpioLightRed, gpioBuzzer, gpioButton,
                wiring.lightsActiveHigh(), wiring.buzzerActiveHigh(), wiring.buttonActiveLow(), wiring.debounce());
    }

    /** True unless the configuration says {@code gpio: off}. */
    public boolean gpioEnabled() {
        return !"off".equals(gpio);
    }
}
