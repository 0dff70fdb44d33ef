package vn.kiosk06.hardware.gpio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider choice, against a stand-in for /dev (no real gpiochip exists on the build machines). */
class GpioProviderChoiceTest {

    @TempDir
    Path dev;

    @Test
    void gpiochipOnArm64_choosesGpiod() throws IOException {
        Files.createFile(dev.resolve("gpiochip0"));
        Files.createFile(dev.resolve("gpiochip1"));
        Files.createFile(dev.resolve("ttyAMA0"));

        GpioProviderChoice choice = GpioProviderChoice.choose(dev, "aarch64");

        assertThat(choice.gpiod()).isTrue();
        assertThat(choice.reason()).isEqualTo("gpiochip0, gpiochip1 found on aarch64");
    }

    @Test
    void gpiochipOn32BitArm_choosesGpiod() throws IOException {
        Files.createFile(dev.resolve("gpiochip0"));

        assertThat(GpioProviderChoice.choose(dev, "arm").gpiod()).isTrue();
    }

    @Test
    void noGpiochip_choosesMock_sayingWhy() throws IOException {
        Files.createFile(dev.resolve("ttyUSB0"));

        GpioProviderChoice choice = GpioProviderChoice.choose(dev, "aarch64");

        assertThat(choice.gpiod()).isFalse();
        assertThat(choice.reason()).isEqualTo("no " + dev.resolve("gpiochip*") + " on this machine (not a Raspberry Pi)");
    }

    @Test
    void gpiochipOnX86_choosesMock_sayingTheArchitecture() throws IOException {
        // Many x86 boards expose a gpiochip of their own; the gpiod plugin ships ARM natives only.
        Files.createFile(dev.resolve("gpiochip0"));

        GpioProviderChoice choice = GpioProviderChoice.choose(dev, "amd64");

        assertThat(choice.gpiod()).isFalse();
        assertThat(choice.reason()).contains("gpiochip0 found", "amd64", "ARM");
    }

    @Test
    void unreadableDevDirectory_choosesMock() {
        assertThat(GpioProviderChoice.choose(dev.resolve("missing"), "aarch64").gpiod()).isFalse();
    }
}
