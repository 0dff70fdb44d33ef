package vn.kiosk06.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A child JVM running one of Kiosk06's mains on the test classpath, with its output in a log file. */
final class JavaProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private JavaProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the runnable jar named by system property {@code jarProperty} (set by the build). */
    static JavaProcess start(Path log, String jarProperty, String... args) {
        return start(log, List.of(), jarProperty, args);
    }

    /** As {@link #start(Path, String, String...)}, with extra JVM options (e.g. {@code -Dkiosk06.server.limits.…}). */
    static JavaProcess start(Path log, List<String> jvmOptions, String jarProperty, String... args) {
        return start(log, List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()), jvmOptions,
                jarProperty, args);
    }

    /**
     * As {@link #start(Path, List, String, String...)} with another JVM: {@code java} is the command that runs it,
     * e.g. {@code [qemu-aarch64-static, /usr/lib/jvm/java-17-openjdk-arm64/bin/java]} for an emulated arm64 JVM.
     */
    static JavaProcess start(Path log, List<String> java, List<String> jvmOptions, String jarProperty, String... args) {
        List<String> cmd = new ArrayList<>(java);
        cmd.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", runnableJar(jarProperty).toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return new JavaProcess(p, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The runnable jar named by system property {@code jarProperty} (set by the build). */
    static Path runnableJar(String jarProperty) {
        String jar = System.getProperty(jarProperty);
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("runnable jar " + jar + " (" + jarProperty + ") is missing: run 'mvn install' "
                    + "(./kiosk06 test does) so the apps are packaged before these tests");
        }
        return Path.of(jar);
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hooks, no flushing — a power cut as far as the process can tell. */
    void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("process did not exit; log: " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    File log() {
        return log.toFile();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
