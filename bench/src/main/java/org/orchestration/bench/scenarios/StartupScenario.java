package org.orchestration.bench.scenarios;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.orchestration.bench.BenchContext;
import org.orchestration.bench.Metric;
import org.orchestration.bench.Scenario;
import org.orchestration.bench.ScenarioResult;
import org.orchestration.bench.Stats;

/**
 * Cold start: {@code java -jar app/target/orchestration-engine.jar --headless --data-dir <fresh>}
 * until it prints its ready line (a fresh data folder each time: config defaults, secret
 * generation, migrations); and, when Xvfb is installed, the GUI start on a virtual display
 * until its first frame. Needs the app jar ({@code mvn -DskipTests package}); without it the
 * scenario reports nothing and says so.
 */
public final class StartupScenario implements Scenario {

    static final String READY = "Orchestration Engine ready";
    private final Path jar;

    public StartupScenario(Path jar) {
        this.jar = jar;
    }

    @Override
    public String name() {
        return "startup";
    }

    @Override
    public String description() {
        return "Headless cold start of " + jar + " (" + MemoryScenario.HEAP + ") to its ready line, fresh data folder each repeat.";
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        if (!Files.isRegularFile(jar)) {
            return new ScenarioResult(name(), description(), 0, List.of(),
                    "Not measured: " + jar + " does not exist (build it with mvn -DskipTests package).");
        }
        List<Double> seconds = new ArrayList<>();
        for (int r = 0; r < context.repeats(); r++) {
            seconds.add(coldStart(context.workDir().resolve("data-" + r), List.of("--headless"), null));
        }
        List<Metric> metrics = new ArrayList<>();
        metrics.add(Metric.info("headless cold start to ready", "s", Stats.of(seconds)));
        String gui;
        Path xvfb = onPath("Xvfb");
        if (xvfb == null) {
            gui = "GUI first frame not measured: no Xvfb on PATH (install it with bench/install-gui-deps.sh).";
        } else {
            List<Double> guiSeconds = new ArrayList<>();
            String display = ":" + (90 + (int) (ProcessHandle.current().pid() % 9));
            Process server = new ProcessBuilder(xvfb.toString(), display, "-nolisten", "tcp", "-screen", "0", "1280x800x24")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                Path socket = Path.of("/tmp/.X11-unix/X" + display.substring(1));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!Files.exists(socket) && System.nanoTime() < deadline && server.isAlive()) {
                    server.waitFor(50, TimeUnit.MILLISECONDS);
                }
                for (int r = 0; r < context.repeats(); r++) {
                    guiSeconds.add(coldStart(context.workDir().resolve("gui-" + r), List.of(), display));
                }
            } finally {
                server.destroy();
                server.waitFor(10, TimeUnit.SECONDS);
            }
            metrics.add(Metric.info("GUI cold start to first frame (Xvfb)", "s", Stats.of(guiSeconds)));
            gui = "GUI: the same jar without --headless on a virtual display (Xvfb " + display + ", 1280x800, software "
                    + "rendering), a fresh data folder (so the first-run screen) each repeat, until the ready line, which a GUI "
                    + "start prints after the window's first pulse.";
        }
        return new ScenarioResult(name(), description(), context.repeats(), metrics,
                "Wall time from process start to the ready line on stdout, JVM start included. " + gui + " The issue sets no target.");
    }

    /** Starts the jar on a fresh data folder, returns seconds until its ready line, then stops it with SIGTERM. */
    private double coldStart(Path data, List<String> extraArgs, String display) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", MemoryScenario.HEAP, "-jar", jar.toString()));
        command.addAll(extraArgs);
        command.addAll(List.of("--data-dir", data.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("OE_DATA_DIR");
        if (display != null) {
            pb.environment().put("DISPLAY", display);
        }
        long start = System.nanoTime();
        Process p = pb.start();
        StringBuilder seen = new StringBuilder();
        Double took = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(READY)) {
                    took = (System.nanoTime() - start) / 1e9;
                    break;
                }
                seen.append(line).append('\n');
            }
            p.destroy(); // SIGTERM: the app shuts down in order
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (took == null) {
            throw new IllegalStateException("the app never printed its ready line: " + seen);
        }
        return took;
    }

    private static Path onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
