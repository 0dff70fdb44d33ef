package vn.kiosk06.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BUILT client jar (what the .deb ships) carries Pi4J's real GPIO provider next to the mock: the gpiod plugin's
 * classes, the libgpiod natives for a Pi's ARM CPU, and a service entry that survived the shade merge, so Pi4J finds
 * it at run time; and the jar's own provider choice picks it when a gpiochip is present. No gpiochip exists on the
 * build machines, so a stand-in /dev holds a fake one.
 */
class ClientJarGpioTest {

    private static final String PLUGIN_SERVICE = "META-INF/services/com.pi4j.extension.Plugin";

    @TempDir
    Path dev;

    private final Path jar = JavaProcess.runnableJar("kiosk06.client.jar");

    @Test
    void shadedJar_holdsTheGpiodPlugin_itsNatives_andBothPluginServiceEntries() throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            for (String entry : List.of(
                    "com/pi4j/plugin/gpiod/GpioDPlugin.class",
                    "com/pi4j/plugin/gpiod/provider/gpio/digital/GpioDDigitalOutputProviderImpl.class",
                    "com/pi4j/plugin/gpiod/provider/gpio/digital/GpioDDigitalInputProviderImpl.class",
                    "com/pi4j/library/gpiod/internal/GpioD.class",
                    // pi4j-library-gpiod bundles libgpiod itself: nothing to install on the Pi.
                    "lib/aarch64/pi4j-gpiod/libpi4j-gpiod.so",
                    "lib/aarch64/pi4j-gpiod/libgpiod.so",
                    "lib/armhf/pi4j-gpiod/libpi4j-gpiod.so",
                    "com/pi4j/plugin/mock/MockPlugin.class")) {
                assertThat(file.getEntry(entry)).as(entry + " in " + jar).isNotNull();
            }
            try (InputStream services = file.getInputStream(file.getEntry(PLUGIN_SERVICE))) {
                assertThat(new String(services.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip))
                        .as("the merged " + PLUGIN_SERVICE)
                        .contains("com.pi4j.plugin.gpiod.GpioDPlugin", "com.pi4j.plugin.mock.MockPlugin");
            }
        }
    }

    @Test
    void shadedJarAlone_onAClassLoader_loadsTheGpiodPluginThroughPi4jsServiceLookup() throws Exception {
        // Only the jar and the JDK: what "java -jar" on the device sees.
        try (URLClassLoader app = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> pluginType = app.loadClass("com.pi4j.extension.Plugin");
            List<String> plugins = new ArrayList<>();
            for (Object plugin : ServiceLoader.load(pluginType, app)) {
                plugins.add(plugin.getClass().getName());
            }
            assertThat(plugins).contains("com.pi4j.plugin.gpiod.GpioDPlugin", "com.pi4j.plugin.mock.MockPlugin");
        }
    }

    @Test
    void shadedJarsProviderChoice_withAGpiochip_picksGpiod_withoutOne_mock() throws Exception {
        try (URLClassLoader app = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> choiceType = app.loadClass("vn.kiosk06.hardware.gpio.GpioProviderChoice");
            Method choose = choiceType.getMethod("choose", Path.class, String.class);
            Method gpiod = choiceType.getMethod("gpiod");

            assertThat(gpiod.invoke(choose.invoke(null, dev, "aarch64"))).as("no gpiochip: mock").isEqualTo(false);
            Files.createFile(dev.resolve("gpiochip0"));
            assertThat(gpiod.invoke(choose.invoke(null, dev, "aarch64"))).as("gpiochip0 on arm64: gpiod").isEqualTo(true);
        }
    }
}
