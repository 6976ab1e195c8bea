package org.orchestration.app;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The launcher as a real child process (this test run's class path, the app's production
 * {@code logback.xml}), with its stdout and stderr collected line by line.
 */
final class EngineProcess implements AutoCloseable {

    private final Process process;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();
    private final List<Thread> pumps = new ArrayList<>();

    private EngineProcess(Process process) {
        this.process = process;
        pumps.add(pump(process.getInputStream(), out));
        pumps.add(pump(process.getErrorStream(), err));
    }

    static EngineProcess start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Dlogback.configurationFile=" + Path.of("target", "classes", "logback.xml").toAbsolutePath());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Launcher.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("OE_DATA_DIR");
        pb.environment().remove("ANTHROPIC_API_KEY");
        return new EngineProcess(pb.start());
    }

    private static Thread pump(InputStream in, List<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "engine-process-pump");
        t.setDaemon(true);
        t.start();
        return t;
    }

    void awaitReady() {
        await().atMost(Duration.ofSeconds(90))
                .failFast("the engine exited before it was ready: " + err, () -> !process.isAlive())
                .until(() -> out.stream().anyMatch(l -> l.startsWith(Launcher.READY_PREFIX)));
    }

    /** Waits for the process to end and for its output to be read completely. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the engine did not exit within " + timeout + "; stderr: " + err);
        }
        for (Thread t : pumps) {
            t.join(5000);
        }
        return process.exitValue();
    }

    /**
     * SIGTERM on Linux and macOS. Through the handle because {@code Process.destroy()} also closes
     * our ends of the pipes, which would lose what the shutdown hook prints.
     */
    void terminate() {
        process.toHandle().destroy();
    }

    List<String> stdout() {
        return out;
    }

    List<String> stderr() {
        return err;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
