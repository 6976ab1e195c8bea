package org.orchestration.core.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * An engine main (e.g. {@code execution.CrashEngineMain}) in a child JVM on this test class path,
 * for crash tests that kill it with {@code process.destroyForcibly()} (SIGKILL). Its output is
 * drained so it never blocks on a full pipe; {@link #started} opens when it prints "STARTED".
 */
public final class EngineProcess {

    public final Process process;
    public final CountDownLatch started = new CountDownLatch(1);
    private final StringBuffer out = new StringBuffer();

    private EngineProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (out.length() < 20_000) {
                        out.append(line).append('\n');
                    }
                    if (line.equals("STARTED")) {
                        started.countDown();
                    }
                }
            } catch (IOException killed) {
                // the process was killed mid-line
            }
        }, "engine-process-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code main} with the data folder as its only argument (256 MB heap, C1 only: quick to start). */
    public static EngineProcess start(Class<?> main, Path dataDir) throws IOException {
        return start(main, dataDir, new String[0]);
    }

    /** Starts {@code main} with the data folder and then {@code moreArgs} as its arguments. */
    public static EngineProcess start(Class<?> main, Path dataDir, String... moreArgs) throws IOException {
        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBinary, "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), main.getName(), dataDir.toString()));
        command.addAll(List.of(moreArgs));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectErrorStream(true);
        return new EngineProcess(pb.start());
    }

    /** What it printed so far (the first 20,000 characters). */
    public String output() {
        return out.toString();
    }
}
