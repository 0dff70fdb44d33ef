package vn.kiosk06.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.kiosk06.packaging.DebianPackagesTest.DEB_SRC;
import static vn.kiosk06.packaging.DebianPackagesTest.deb;
import static vn.kiosk06.packaging.DebianPackagesTest.run;
import static vn.kiosk06.packaging.DebianPackagesTest.stub;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device profile (the client's JVM flags) lives in one file, and the unit, the wrapper and the launcher all take
 * it from there; the wrapper's class-data archive is built once per jar and JVM and used on later starts.
 */
class ClientProfileTest {

    static final Path PROFILE = DEB_SRC.resolve("share/kiosk06-client.jvm");
    static final Path WRAPPER = DEB_SRC.resolve("bin/kiosk06-client");
    static final Path LAUNCHER = DEB_SRC.resolve("../../../kiosk06");

    @TempDir
    Path tmp;

    @Test
    void unitWrapperAndLauncher_takeTheJvmFlagsFromTheOneProfile_shippedInThePackage() throws Exception {
        assertThat(Files.readString(PROFILE)).contains("-XX:+UseSerialGC", "-Xmx", "-XX:TieredStopAtLevel=1");
        String unit = Files.readString(DEB_SRC.resolve("systemd/kiosk06-client.service"));
        assertThat(unit).contains("ExecStart=/usr/bin/kiosk06-client ");
        assertThat(unit.lines().filter(l -> l.startsWith("Environment=\"JAVA_OPTS=")))
                .as("the unit adds no JVM flags of its own: they would override the profile's")
                .containsExactly("Environment=\"JAVA_OPTS=\"");
        assertThat(Files.readString(WRAPPER)).contains("PROFILE=${KIOSK06_CLIENT_JVM:-/usr/share/kiosk06/kiosk06-client.jvm}",
                "exec java @\"$PROFILE\" -XX:SharedArchiveFile=\"$archive\" $JAVA_OPTS -jar \"$JAR\" \"$@\"");
        String launcher = Files.readString(LAUNCHER);
        assertThat(launcher).contains("CLIENT_WRAPPER=\"$ROOT/packaging/src/deb/bin/kiosk06-client\"",
                "CLIENT_JVM=\"$ROOT/packaging/src/deb/share/kiosk06-client.jvm\"",
                "KIOSK06_CLIENT_JVM=\"$CLIENT_JVM\"", "exec sh \"$CLIENT_WRAPPER\" \"$@\"");
        // No second copy of the flags anywhere else to drift from the profile.
        try (Stream<Path> files = Files.walk(DEB_SRC)) {
            assertThat(files.filter(Files::isRegularFile).filter(f -> !f.equals(PROFILE)).filter(f -> {
                try {
                    return Files.readString(f).contains("UseSerialGC");
                } catch (java.io.IOException e) {
                    return false;
                }
            })).isEmpty();
        }
        assertThat(launcher).doesNotContain("UseSerialGC");

        Path root = tmp.resolve("root");
        run("dpkg", "-x", deb("kiosk06-client").toString(), root.toString());
        assertThat(root.resolve("usr/share/kiosk06/kiosk06-client.jvm")).hasSameTextualContentAs(PROFILE);
    }

    @Test
    void profile_isAcceptedByThisMachinesJvm() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        assertThat(run(java, "@" + PROFILE.toAbsolutePath(), "-version")).contains("version");
    }

    @Test
    void wrapper_firstStartTrainsTheArchive_laterStartsMapIt_aNewJarGetsANewOne() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path log = tmp.resolve("java.log");
        // A stand-in JVM: logs its arguments; as a training run it writes the archive it was asked for.
        stub(bin, "java", "for a in \"$@\"; do case \"$a\" in -XX:ArchiveClassesAtExit=*) "
                + "echo archive > \"${a#-XX:ArchiveClassesAtExit=}\";; esac; done");
        Path jar = Files.writeString(tmp.resolve("kiosk06-client.jar"), "jar v1");
        Path cds = tmp.resolve("cds");
        Map<String, String> env = Map.of("PATH", bin + ":/usr/bin:/bin", "KIOSK06_STUB_LOG", log.toString(),
                "KIOSK06_CLIENT_JAR", jar.toString(), "KIOSK06_CLIENT_JVM", PROFILE.toAbsolutePath().toString(),
                "KIOSK06_CDS_DIR", cds.toString(), "JAVA_OPTS", "-Xmx128m");
        String sh = "/bin/sh";
        String wrapper = WRAPPER.toAbsolutePath().toString();

        run(env, tmp, sh, wrapper, "--config", "client.yml");
        List<String> first = Files.readAllLines(log);
        assertThat(first).hasSize(2);
        assertThat(first.get(0)).startsWith("java @" + PROFILE.toAbsolutePath() + " -XX:ArchiveClassesAtExit=" + cds)
                .endsWith("-cp " + jar + " vn.kiosk06.client.ArchiveTraining");
        String archive = archiveOf(first.get(1));
        assertThat(first.get(1)).isEqualTo("java @" + PROFILE.toAbsolutePath() + " -XX:SharedArchiveFile=" + archive
                + " -Xmx128m -jar " + jar + " --config client.yml");
        assertThat(Path.of(archive)).exists();

        Files.delete(log);
        run(env, tmp, sh, wrapper, "--config", "client.yml");
        assertThat(Files.readAllLines(log)).as("the archive is there: no training")
                .containsExactly(first.get(1));

        Files.delete(log);
        Files.writeString(jar, "jar v2, a new build");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        run(env, tmp, sh, wrapper, "--config", "client.yml");
        List<String> upgraded = Files.readAllLines(log);
        assertThat(upgraded.get(0)).contains("vn.kiosk06.client.ArchiveTraining");
        assertThat(archiveOf(upgraded.get(1))).isNotEqualTo(archive);
        assertThat(Path.of(archive)).as("the old jar's archive is deleted").doesNotExist();
    }

    @Test
    void wrapper_withAnUnwritableArchiveDirectory_startsWithoutAnArchive() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path log = tmp.resolve("java.log");
        stub(bin, "java", "");
        Path notADir = Files.writeString(tmp.resolve("file"), "a file where the archive directory would be");
        Map<String, String> env = Map.of("PATH", bin + ":/usr/bin:/bin", "KIOSK06_STUB_LOG", log.toString(),
                "KIOSK06_CLIENT_JAR", tmp.resolve("kiosk06-client.jar").toString(),
                "KIOSK06_CLIENT_JVM", PROFILE.toAbsolutePath().toString(), "KIOSK06_CDS_DIR", notADir.resolve("cds").toString());

        run(env, tmp, "/bin/sh", WRAPPER.toAbsolutePath().toString(), "--config", "client.yml");

        assertThat(Files.readAllLines(log)).containsExactly("java @" + PROFILE.toAbsolutePath() + " -jar "
                + tmp.resolve("kiosk06-client.jar") + " --config client.yml");
    }

    @Test
    void wrapper_capsGlibcMallocArenasAtTwo_unlessTheEnvironmentSaysOtherwise() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path log = tmp.resolve("java.log");
        // A stand-in JVM that logs the arena cap it was started with.
        stub(bin, "java", "echo \"MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-unset}\" >> \"$KIOSK06_STUB_LOG\"");
        Path notADir = Files.writeString(tmp.resolve("file"), "no archive directory: one java call");
        Map<String, String> env = new HashMap<>(Map.of("PATH", bin + ":/usr/bin:/bin", "KIOSK06_STUB_LOG", log.toString(),
                "KIOSK06_CLIENT_JAR", tmp.resolve("kiosk06-client.jar").toString(),
                "KIOSK06_CLIENT_JVM", PROFILE.toAbsolutePath().toString(), "KIOSK06_CDS_DIR", notADir.resolve("cds").toString()));

        run(env, tmp, "/bin/sh", WRAPPER.toAbsolutePath().toString(), "--config", "client.yml");
        assertThat(Files.readAllLines(log)).last().isEqualTo("MALLOC_ARENA_MAX=2");

        env.put("MALLOC_ARENA_MAX", "4");
        run(env, tmp, "/bin/sh", WRAPPER.toAbsolutePath().toString(), "--config", "client.yml");
        assertThat(Files.readAllLines(log)).as("a unit drop-in's value wins").last().isEqualTo("MALLOC_ARENA_MAX=4");
    }

    private static String archiveOf(String javaCall) {
        String flag = "-XX:SharedArchiveFile=";
        int start = javaCall.indexOf(flag) + flag.length();
        return javaCall.substring(start, javaCall.indexOf(' ', start));
    }
}
