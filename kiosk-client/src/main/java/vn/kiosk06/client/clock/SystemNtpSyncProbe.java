package vn.kiosk06.client.clock;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Asks Linux whether the clock is NTP-synchronised: first {@code timedatectl show -p NTPSynchronized
 * --value} (works for systemd-timesyncd and chrony alike: it reports the kernel's sync flag), and if that
 * command is missing or fails, whether {@code /run/systemd/timesync/synchronized} exists (written by
 * systemd-timesyncd once it has synchronised). If neither can answer, {@link NtpSync#UNKNOWN}; it never
 * throws.
 *
 * <p>Starting a process costs tens of milliseconds, so an answer is reused for a while (default one
 * minute, measured on the monotonic clock). Thread-safe: {@link #probe()} is synchronised, so at most one
 * {@code timedatectl} runs at a time.
 */
public final class SystemNtpSyncProbe implements NtpSyncProbe {

    private static final List<String> TIMEDATECTL = List.of("timedatectl", "show", "-p", "NTPSynchronized", "--value");
    private static final Path TIMESYNCD_FLAG = Path.of("/run/systemd/timesync/synchronized");

    private final List<String> command;
    private final Path syncFlag;
    private final Duration commandTimeout;
    private final long reuseNanos;
    private final LongSupplier nanoTime;

    private NtpSync last;
    private long lastAtNanos;

    SystemNtpSyncProbe(List<String> command, Path syncFlag, Duration commandTimeout, Duration reuseFor,
            LongSupplier nanoTime) {
        this.command = List.copyOf(command);
        this.syncFlag = syncFlag;
        this.commandTimeout = commandTimeout;
        this.reuseNanos = reuseFor.toNanos();
        this.nanoTime = nanoTime;
    }

    /** The probe of this machine, answering again at most once a minute. */
    public static SystemNtpSyncProbe create() {
        return new SystemNtpSyncProbe(TIMEDATECTL, TIMESYNCD_FLAG, Duration.ofSeconds(2), Duration.ofMinutes(1),
                System::nanoTime);
    }

    @Override
    public synchronized NtpSync probe() {
        long now = nanoTime.getAsLong();
        if (last == null || now - lastAtNanos >= reuseNanos) {
            last = ask();
            lastAtNanos = now;
        }
        return last;
    }

    private NtpSync ask() {
        String answer = runCommand();
        if (answer.equals("yes")) {
            return NtpSync.SYNCHRONIZED;
        }
        if (answer.equals("no")) {
            return NtpSync.NOT_SYNCHRONIZED;
        }
        return Files.exists(syncFlag) ? NtpSync.SYNCHRONIZED : NtpSync.UNKNOWN;
    }

    /** The command's trimmed, lower-cased output, or "" when it is missing, fails or hangs. */
    private String runCommand() {
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException | RuntimeException notAvailable) {
            return "";
        }
        try {
            // The answer is a few bytes, far below a pipe buffer, so waiting before reading cannot deadlock.
            if (!process.waitFor(commandTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return "";
            }
            if (process.exitValue() != 0) {
                return "";
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return out.strip().toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
