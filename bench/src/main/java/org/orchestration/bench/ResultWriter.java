package org.orchestration.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.orchestration.core.json.Json;

/** Writes a run as JSON (for tools) and as a Markdown table (for docs/PERFORMANCE.md). */
public final class ResultWriter {

    private ResultWriter() {
    }

    public static Path[] write(Path dir, String command, MachineInfo machine, List<ScenarioResult> results) throws IOException {
        Files.createDirectories(dir);
        String stamp = machine.when().replace(":", "").replace("-", "");
        Path json = dir.resolve("bench-" + stamp + ".json");
        Path md = dir.resolve("bench-" + stamp + ".md");
        Json.mapper().writer().with(SerializationFeature.INDENT_OUTPUT)
                .writeValue(json.toFile(), Map.of("command", command, "machine", machine, "results", results));
        Files.writeString(md, markdown(command, machine, results));
        Files.writeString(dir.resolve("latest.md"), markdown(command, machine, results));
        return new Path[] {json, md};
    }

    public static String markdown(String command, MachineInfo machine, List<ScenarioResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append("Run ").append(machine.when()).append(" on ").append(machine.cores()).append(" cores, ")
                .append(machine.jvm()).append(", ").append(machine.os()).append(", max heap ").append(machine.maxHeapMb())
                .append(" MB, load average at start ")
                .append(String.format(Locale.ROOT, "%.1f", machine.loadAverage())).append(", at end ")
                .append(String.format(Locale.ROOT, "%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
                .append("\n\nCommand: `").append(command).append("`\n\n");
        sb.append("| scenario | metric | median | p95 | min – max | IQR | n | target | met |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|\n");
        for (ScenarioResult r : results) {
            for (Metric m : r.metrics()) {
                Stats s = m.stats();
                sb.append("| ").append(r.scenario()).append(" | ").append(m.name()).append(" (").append(m.unit()).append(") | ")
                        .append(fmt(s.p50())).append(" | ").append(fmt(s.p95())).append(" | ")
                        .append(fmt(s.min())).append(" – ").append(fmt(s.max())).append(" | ").append(fmt(s.iqr())).append(" | ")
                        .append(s.n()).append(" | ").append(m.target().isEmpty() ? "–" : m.target()).append(" | ")
                        .append(m.met() == null ? "–" : (m.met() ? "yes" : "**no**")).append(" |\n");
            }
        }
        sb.append('\n');
        for (ScenarioResult r : results) {
            sb.append("- **").append(r.scenario()).append("**: ").append(r.description());
            if (r.note() != null && !r.note().isBlank()) {
                sb.append(" ").append(r.note());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (Math.abs(v) >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
