package vn.kiosk06.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.client.config.ClientConfigFile;
import vn.kiosk06.server.config.ServerConfigFile;

/**
 * The built .deb files, inspected with dpkg-deb and unpacked into a throwaway root with {@code dpkg -x}; maintainer
 * scripts run with a PATH of logging stubs, so nothing is installed, no user is added and no unit touched on this
 * machine.
 */
class DebianPackagesTest {

    static final Path DEBS = Path.of(System.getProperty("kiosk06.debs", "target"));
    static final Path DEB_SRC = Path.of(System.getProperty("kiosk06.deb.src", "src/deb"));

    @TempDir
    Path tmp;

    static Path deb(String name) throws IOException {
        try (Stream<Path> files = Files.list(DEBS)) {
            return files.filter(p -> p.getFileName().toString().matches(name + "_.+_all\\.deb")).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + name + "_*_all.deb in " + DEBS));
        }
    }

    /** Runs a command and returns its stdout; fails the test on a non-zero exit. */
    static String run(Map<String, String> env, Path workDir, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        if (env != null) {
            pb.environment().clear();
            pb.environment().putAll(env);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + " said:\n" + out).isZero();
        return out;
    }

    static String run(String... command) throws Exception {
        return run(null, null, command);
    }

    /** "mode path" for every entry of the package, from dpkg-deb -c. */
    static List<String> contents(Path deb) throws Exception {
        List<String> entries = new ArrayList<>();
        for (String line : run("dpkg-deb", "-c", deb.toString()).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 6) {
                entries.add(f[0] + " " + f[5]);
            }
        }
        return entries;
    }

    @Test
    void serverPackage_holdsJarWrapperConfigAndUnit_withTheirModes_architectureAll() throws Exception {
        Path deb = deb("kiosk06-server");

        assertThat(contents(deb)).contains(
                "-rw-r--r-- ./usr/share/kiosk06/kiosk06-server.jar",
                "-rwxr-xr-x ./usr/bin/kiosk06-server",
                "-rwxr-xr-x ./usr/share/kiosk06/await-health-server",
                "-rw-r----- ./etc/kiosk06/server.yml",
                "-rw-r--r-- ./lib/systemd/system/kiosk06-server.service");
        assertThat(run("dpkg-deb", "-f", deb.toString(), "Package", "Architecture"))
                .contains("Package: kiosk06-server", "Architecture: all");
        assertThat(run("dpkg-deb", "-f", deb.toString(), "Depends")).contains("adduser", "java17-runtime-headless");
    }

    @Test
    void clientPackage_holdsJarConfigUnitsKioskBrowserAndUdevRules() throws Exception {
        assertThat(contents(deb("kiosk06-client"))).contains(
                "-rw-r--r-- ./usr/share/kiosk06/kiosk06-client.jar",
                "-rwxr-xr-x ./usr/bin/kiosk06-client",
                "-rw-r--r-- ./etc/kiosk06/client.yml",
                "-rw-r--r-- ./lib/systemd/system/kiosk06-client.service",
                "-rw-r--r-- ./lib/systemd/system/kiosk06-kiosk-browser.service",
                "-rw-r--r-- ./lib/udev/rules.d/60-kiosk06.rules");
    }

    /** Every entry of a jar as the package installs it. */
    List<String> packagedJar(String pkg, String jar) throws Exception {
        try (ZipFile zip = new ZipFile(unpacked(pkg).resolve("usr/share/kiosk06").resolve(jar).toFile())) {
            return zip.stream().map(ZipEntry::getName).toList();
        }
    }

    /** The native libraries (.so, .dll, .dylib, .jnilib) inside a packaged jar, as "dir/name" paths. */
    List<String> nativesInPackagedJar(String pkg, String jar) throws Exception {
        return packagedJar(pkg, jar).stream().filter(n -> n.matches(".+\\.(so|dll|dylib|jnilib)")).toList();
    }

    @Test
    void packagedJars_carryNoDevelopmentTools() throws Exception {
        assertThat(Stream.concat(packagedJar("kiosk06-client", "kiosk06-client.jar").stream(),
                        packagedJar("kiosk06-server", "kiosk06-server.jar").stream()))
                .as("the reader simulator, synthetic people and benchmarks belong to the bench jar")
                .noneMatch(n -> n.startsWith("vn/kiosk06/hardware/sim/") || n.startsWith("vn/kiosk06/hardware/bench/")
                        || n.startsWith("vn/kiosk06/bench/"));
    }

    @Test
    void packagedJars_carryTheLinuxNativesADeviceOrServerRuns_andNoOthers() throws Exception {
        List<String> client = nativesInPackagedJar("kiosk06-client", "kiosk06-client.jar");
        List<String> server = nativesInPackagedJar("kiosk06-server", "kiosk06-server.jar");

        assertThat(client).contains("org/sqlite/native/Linux/x86_64/libsqlitejdbc.so",
                "org/sqlite/native/Linux/aarch64/libsqlitejdbc.so", "org/sqlite/native/Linux/armv7/libsqlitejdbc.so",
                "Linux/x86_64/libjSerialComm.so", "Linux/armv8_64/libjSerialComm.so", "Linux/armv7hf/libjSerialComm.so");
        assertThat(server).contains("org/sqlite/native/Linux/x86_64/libsqlitejdbc.so",
                "org/sqlite/native/Linux/aarch64/libsqlitejdbc.so", "org/sqlite/native/Linux/armv7/libsqlitejdbc.so");
        assertThat(Stream.concat(client.stream(), server.stream()))
                .as("natives for other systems: Windows, macOS, BSDs, Android, musl")
                .noneMatch(n -> n.matches("(?i).*(windows|mac|osx|freebsd|openbsd|solaris|android|musl).*|.+\\.(dll|dylib|jnilib)"));
    }

    @Test
    void configFiles_areConffiles_andMaintainerScriptsAreExecutable() throws Exception {
        for (String app : List.of("server", "client")) {
            Path control = maintainerScripts("kiosk06-" + app);

            assertThat(Files.readString(control.resolve("conffiles")).lines()).contains("/etc/kiosk06/" + app + ".yml");
            for (String script : List.of("postinst", "prerm", "postrm")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(control.resolve(script))))
                        .as(app + " " + script).isEqualTo("rwxr-xr-x");
                run("sh", "-n", control.resolve(script).toString()); // parses as shell
            }
        }
    }

    @Test
    void unpackedIntoAThrowawayRoot_unitsRestartOnFailure_asKiosk06_withLimitsAndAHealthCheck() throws Exception {
        Path root = tmp.resolve("root");
        run("dpkg", "-x", deb("kiosk06-server").toString(), root.toString());
        run("dpkg", "-x", deb("kiosk06-client").toString(), root.toString());

        for (String app : List.of("server", "client")) {
            String unit = Files.readString(root.resolve("lib/systemd/system/kiosk06-" + app + ".service"));
            assertThat(unit).contains("Restart=on-failure", "User=kiosk06", "StateDirectory=kiosk06/" + app,
                    "MemoryMax=", "ProtectSystem=strict", "StandardOutput=journal",
                    "ExecStart=/usr/bin/kiosk06-" + app + " --config /etc/kiosk06/" + app + ".yml",
                    "ExecStartPost=/usr/share/kiosk06/await-health-" + app);
            assertThat(unit).doesNotContain("User=root");
        }
        String browser = Files.readString(root.resolve("lib/systemd/system/kiosk06-kiosk-browser.service"));
        assertThat(browser).contains("--kiosk", "--noerrdialogs", "--disable-infobars", "--no-first-run",
                "--disable-background-networking", "http://127.0.0.1:8081", "Restart=always", "xset -dpms", "xset s off",
                "--ozone-platform-hint=auto"); // X11 or, on a Pi's Wayland desktop, Wayland
        assertThat(Files.readString(root.resolve("lib/udev/rules.d/60-kiosk06.rules")))
                .contains("KERNEL==\"ttyUSB[0-9]*\", GROUP=\"dialout\"", "KERNEL==\"ttyACM[0-9]*\", GROUP=\"dialout\"",
                        "KERNEL==\"gpiochip[0-9]*\", GROUP=\"gpio\"");
        assertThat(Files.size(root.resolve("usr/share/kiosk06/kiosk06-server.jar"))).isGreaterThan(1_000_000);
    }

    @Test
    void shippedConfigFiles_passTheAppsOwnStrictLoaders() {
        assertThat(ServerConfigFile.load(DEB_SRC.resolve("etc/kiosk06/server.yml")))
                .containsEntry("kiosk06.server.data-dir", "/var/lib/kiosk06/server")
                .containsEntry("grpc.server.port", 7443);
        assertThat(ClientConfigFile.load(DEB_SRC.resolve("etc/kiosk06/client.yml")))
                .containsEntry("kiosk06.client.data-dir", "/var/lib/kiosk06/client");
    }

    @Test
    void shippedClientConfig_documentsEveryKeyTheLoaderKnows() throws IOException {
        String yml = Files.readString(DEB_SRC.resolve("etc/kiosk06/client.yml"));

        for (String key : ClientConfigFile.keys()) {
            assertThat(yml).as("client.yml documents " + key).containsPattern("(?m)^(# )?" + key + ":");
        }
    }

    /** A PATH of stubs that log "name args" to {@code log}; getent knows the dialout group only. */
    Map<String, String> stubs(Path log, Path root) throws IOException {
        return stubs(log, root, false);
    }

    /** As {@link #stubs(Path, Path)}; {@code userExists}: getent also knows the kiosk06 user. */
    Map<String, String> stubs(Path log, Path root, boolean userExists) throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("stubs"));
        for (String name : List.of("adduser", "deluser", "install", "systemctl", "udevadm", "rm", "rmdir", "dpkg-query", "grep")) {
            stub(bin, name, "exit 0");
        }
        stub(bin, "getent", "[ \"$1 $2\" = \"group dialout\" ] && exit 0; "
                + (userExists ? "[ \"$1 $2\" = \"passwd kiosk06\" ] && exit 0; " : "") + "exit 2");
        stub(bin, "dpkg-query", "exit 1"); // the other Kiosk06 package is not installed
        stub(bin, "grep", "exit 1");
        return Map.of("PATH", bin.toString(), "KIOSK06_STUB_LOG", log.toString(), "DPKG_ROOT", root.toString());
    }

    static void stub(Path bin, String name, String then) throws IOException {
        Path f = bin.resolve(name);
        Files.writeString(f, "#!/bin/sh\necho \"${0##*/} $*\" >> \"$KIOSK06_STUB_LOG\"\n" + then + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** A package's maintainer scripts and control files, extracted once into tmp/control-PKG. */
    Path maintainerScripts(String pkg) throws Exception {
        Path control = tmp.resolve("control-" + pkg);
        if (!Files.isDirectory(control)) {
            run("dpkg-deb", "-e", deb(pkg).toString(), control.toString());
        }
        return control;
    }

    /** A package's files as dpkg would install them, unpacked once into tmp/root-PKG. */
    Path unpacked(String pkg) throws Exception {
        Path root = tmp.resolve("root-" + pkg);
        if (!Files.isDirectory(root)) {
            run("dpkg-deb", "-x", deb(pkg).toString(), root.toString());
        }
        return root;
    }

    @Test
    void clientPostinst_inAThrowawayRoot_addsTheSystemUser_joinsExistingDeviceGroups_andMakesTheDataDir() throws Exception {
        Path control = maintainerScripts("kiosk06-client");
        Path log = tmp.resolve("calls.log");
        Path root = Files.createDirectories(tmp.resolve("root"));

        run(stubs(log, root), tmp, "/bin/sh", control.resolve("postinst").toString(), "configure");

        List<String> calls = Files.readAllLines(log);
        assertThat(calls).contains(
                "getent passwd kiosk06",
                "adduser --system --group --home /var/lib/kiosk06 --no-create-home --quiet kiosk06",
                "adduser --quiet kiosk06 dialout",
                "install -d -o kiosk06 -g kiosk06 -m 0750 " + root + "/var/lib/kiosk06/client");
        assertThat(calls).as("no gpio group here: not joined").doesNotContain("adduser --quiet kiosk06 gpio");
        if (Files.isDirectory(Path.of("/run/systemd/system"))) {
            assertThat(calls).contains("systemctl enable kiosk06-client.service");
        } else {
            assertThat(calls).noneMatch(c -> c.startsWith("systemctl"));
        }
    }

    @Test
    void serverPostinst_givesServerYml_rootKiosk06_0640_unlessAnAdminOverrodeIt() throws Exception {
        Path control = maintainerScripts("kiosk06-server");
        Path log = tmp.resolve("calls.log");
        Path root = Files.createDirectories(tmp.resolve("root"));
        Map<String, String> env = stubs(log, root);
        Path bin = Path.of(env.get("PATH"));
        stub(bin, "chown", "exit 0");
        stub(bin, "chmod", "exit 0");
        stub(bin, "dpkg-statoverride", "exit 1"); // no override

        run(env, tmp, "/bin/sh", control.resolve("postinst").toString(), "configure");

        assertThat(Files.readAllLines(log)).contains("chown root:kiosk06 " + root + "/etc/kiosk06/server.yml",
                "chmod 0640 " + root + "/etc/kiosk06/server.yml");

        Files.delete(log);
        stub(bin, "dpkg-statoverride", "echo 'root kiosk06 0600 /etc/kiosk06/server.yml'; exit 0");
        run(env, tmp, "/bin/sh", control.resolve("postinst").toString(), "configure");
        assertThat(Files.readAllLines(log)).noneMatch(c -> c.startsWith("chown") || c.startsWith("chmod"));
    }

    @Test
    void clientPostinst_onARaspberryPi_joinsTheGpioGroup() throws Exception {
        Path control = maintainerScripts("kiosk06-client");
        Path log = tmp.resolve("calls.log");
        Path root = Files.createDirectories(tmp.resolve("root"));
        Map<String, String> env = stubs(log, root);
        // Raspberry Pi OS has a gpio group (owning /dev/gpiochip*) next to dialout.
        stub(Path.of(env.get("PATH")), "getent",
                "case \"$1 $2\" in \"group dialout\"|\"group gpio\") exit 0 ;; esac; exit 2");

        run(env, tmp, "/bin/sh", control.resolve("postinst").toString(), "configure");

        assertThat(Files.readAllLines(log)).contains("adduser --quiet kiosk06 dialout", "adduser --quiet kiosk06 gpio");
    }

    @Test
    void clientWrapper_hardwareCheck_runsTheHardwareCheckNotTheApp() throws Exception {
        Path root = unpacked("kiosk06-client");
        Path log = tmp.resolve("java.log");
        Path bin = Files.createDirectories(tmp.resolve("stubs"));
        stub(bin, "java", "exit 0");

        run(Map.of("PATH", bin + ":/usr/bin:/bin", "KIOSK06_STUB_LOG", log.toString()), tmp, "/bin/sh",
                root.resolve("usr/bin/kiosk06-client").toString(), "hardware-check", "--config", "/etc/kiosk06/client.yml");

        assertThat(Files.readAllLines(log)).containsExactly("java -jar /usr/share/kiosk06/kiosk06-client.jar "
                + "hardware-check --config /etc/kiosk06/client.yml");
    }

    @Test
    void postrm_removeKeepsDataAndUser_purgeDeletesThem() throws Exception {
        Path control = maintainerScripts("kiosk06-server");
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path removeLog = tmp.resolve("remove.log");
        Path purgeLog = tmp.resolve("purge.log");

        run(stubs(removeLog, root, true), tmp, "/bin/sh", control.resolve("postrm").toString(), "remove");
        run(stubs(purgeLog, root, true), tmp, "/bin/sh", control.resolve("postrm").toString(), "purge");

        List<String> removed = Files.exists(removeLog) ? Files.readAllLines(removeLog) : List.of();
        assertThat(removed).noneMatch(c -> c.startsWith("rm ") || c.startsWith("deluser"));
        assertThat(Files.readAllLines(purgeLog)).contains(
                "rm -rf " + root + "/var/lib/kiosk06/server",
                "deluser --system --quiet kiosk06");
    }
}
