package vn.kiosk06.bench.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.kiosk06.bench.scale.ServerProcess;

/**
 * The demo's child processes (server, devices, pty pair), each with its output in a log file; all of them end when
 * the demo does, whether it returns, fails or is stopped with Ctrl-C (a shutdown hook). Thread-safe.
 */
final class DemoProcesses implements AutoCloseable {

    private final List<Process> started = new ArrayList<>();
    private final Thread hook = new Thread(this::stopAll, "demo-stop");

    DemoProcesses() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Starts {@code command} with {@code env} added, stdout and stderr into {@code log}. */
    synchronized Process start(List<String> command, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private synchronized void stopAll() {
        // Newest first: the devices stop before the server they sync to.
        for (int i = started.size() - 1; i >= 0; i--) {
            ServerProcess.stop(started.get(i));
        }
        started.clear();
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running this very stop
        }
    }
}
