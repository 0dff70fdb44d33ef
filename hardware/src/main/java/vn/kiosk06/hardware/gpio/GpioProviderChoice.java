package vn.kiosk06.hardware.gpio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Which Pi4J provider drives the pins on this machine, and why: the real {@code gpiod} provider (the kernel's GPIO
 * character device, current Raspberry Pi OS on Pi 3/4/5) when a {@code gpiochip*} device exists and the CPU is one
 * the plugin ships natives for (ARM), Pi4J's mock provider everywhere else (a laptop, an x86 kiosk, the tests).
 *
 * @param gpiod  true: Pi4J's gpiod provider; false: Pi4J's mock provider
 * @param reason one line for the log, saying what was found
 */
public record GpioProviderChoice(boolean gpiod, String reason) {

    /** The CPU architectures (Java's {@code os.arch}) pi4j-library-gpiod bundles libgpiod for. */
    private static final List<String> GPIOD_ARCHES = List.of("aarch64", "arm");

    public GpioProviderChoice {
        Objects.requireNonNull(reason, "reason");
    }

    /** The choice for the machine this JVM runs on: {@code /dev} and {@code os.arch}. */
    public static GpioProviderChoice forThisMachine() {
        return choose(Path.of("/dev"), System.getProperty("os.arch", ""));
    }

    /**
     * The choice for a machine whose devices are in {@code devDir} (normally {@code /dev}) and whose JVM reports
     * {@code osArch}. Never throws: an unreadable directory counts as no GPIO chip.
     */
    public static GpioProviderChoice choose(Path devDir, String osArch) {
        List<String> chips = gpioChips(devDir);
        if (chips.isEmpty()) {
            return new GpioProviderChoice(false, "no " + devDir.resolve("gpiochip*") + " on this machine (not a "
                    + "Raspberry Pi)");
        }
        String arch = osArch.toLowerCase(Locale.ROOT);
        if (!GPIOD_ARCHES.contains(arch)) {
            return new GpioProviderChoice(false, String.join(", ", chips) + " found, but this is an " + arch
                    + " machine and Pi4J's gpiod provider runs on a Raspberry Pi's ARM CPU only");
        }
        return new GpioProviderChoice(true, String.join(", ", chips) + " found on " + arch);
    }

    private static List<String> gpioChips(Path devDir) {
        try (Stream<Path> entries = Files.list(devDir)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("gpiochip")).sorted().toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
