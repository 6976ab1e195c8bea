package org.orchestration.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.budget.BudgetManager;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.events.ProgressBus;
import org.orchestration.core.execution.Executor;
import org.orchestration.core.llm.SimulatedProvider;
import org.orchestration.core.testing.MapToolCatalog;
import org.orchestration.core.testing.PerTokenPriceBook;
import org.orchestration.core.testing.TaskGraphFixture;
import org.orchestration.core.testing.TestConfig;
import org.orchestration.core.testing.TestDb;

/**
 * Soak (profile only): projects of 20 tasks run one after another with the real
 * {@link SimulatedProvider} and the real executor, budget and event bus, each watched by an event
 * subscriber, for {@code -Dreliability.soak.seconds} (default 1800). Every 5 s the process RSS and
 * open file descriptors (Linux {@code /proc/self}) are sampled after a GC; the least-squares
 * slope per minute of each is printed and written to {@code target/reliability/soak.csv}.
 * Asserted, after a warm-up of a third of the run (at most 2 minutes): open descriptors grow by
 * less than 1 per minute, the Java heap in use after GC by less than 1 MB per minute, and RSS
 * never exceeds its first sample plus the bound of SQLite's page caches (which fill as the
 * database file grows, then stay) plus headroom for heap sizing and JIT code. A 7-minute run
 * showed why RSS alone is not a leak signal: it rose by 80 MB, exactly the five connections'
 * 16 MB caches, while the heap and non-heap stayed flat, and then stopped rising.
 */
class SoakTest {

    @TempDir
    Path dir;

    @Tag("long")
    @Test
    void continuousProjectsKeepMemoryAndFileDescriptorsFlat() throws Exception {
        long seconds = Long.getLong("reliability.soak.seconds", 1_800);
        Clock clock = Clock.systemDefaultZone();
        AppConfig config = TestConfig.withBudget(TestConfig.withExecution(TestConfig.defaults(dir),
                TestConfig.execution(4, 3, 3, 5, true)), 100_000, 1_000_000);
        // minutes since start, RSS MB, open fds, heap used after GC MB, non-heap (metaspace, code) MB, database file MB
        List<double[]> samples = new ArrayList<>();
        int projects = 0;
        double pageCacheMb;
        try (Database db = TestDb.open(dir);
             ProgressBus bus = new ProgressBus(db, clock, 10)) {
            pageCacheMb = db.pageCacheBoundBytes() / 1048576.0;
            SettingsStore settings = new SettingsStore(db, clock);
            BudgetManager budget = new BudgetManager(db, settings, bus, clock, config.budget());
            User owner = TestDb.insertUser(db, Role.USER);
            try (Executor executor = new Executor(db, settings, config, clock, Map.of(SimulatedProvider.ID,
                    new SimulatedProvider(Duration.ofMillis(2))), new PerTokenPriceBook().price(SimulatedProvider.MODEL, 1, 1),
                    new MapToolCatalog(MapToolCatalog.echo()), budget, bus)) {
                long start = System.nanoTime();
                long nextSample = 0;
                while (System.nanoTime() - start < seconds * 1_000_000_000L) {
                    TaskGraphFixture g = new TaskGraphFixture(db, owner).route(SimulatedProvider.ID, SimulatedProvider.MODEL);
                    String previous = null;
                    for (int t = 0; t < 20; t++) {
                        TaskGraphFixture.TaskSpec spec = g.task("S" + t);
                        if (previous != null && t % 3 != 0) {
                            spec.deps(previous);
                        }
                        previous = spec.add();
                    }
                    try (var subscription = bus.subscribe(owner, g.projectId(), event -> { })) {
                        executor.start(owner, g.projectId());
                        await().atMost(Duration.ofMinutes(2)).until(() -> "COMPLETED".equals(
                                db.queryOne("SELECT status FROM projects WHERE id = ?", rs -> rs.getString(1), g.projectId()).orElse("")));
                    }
                    projects++;
                    long elapsed = System.nanoTime() - start;
                    if (elapsed >= nextSample) {
                        System.gc();
                        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
                        samples.add(new double[] {elapsed / 60e9, rssMb(), openFds(), memory.getHeapMemoryUsage().getUsed() / 1048576.0,
                            memory.getNonHeapMemoryUsage().getCommitted() / 1048576.0, Files.size(db.file()) / 1048576.0});
                        nextSample += 5_000_000_000L;
                    }
                }
            }
        }
        // JIT, heap sizing and SQLite's page cache grow during the first minutes: slopes are taken after a
        // warm-up of a third of the run (at most 2 minutes); the whole-run slope is printed too.
        double warmUpMinutes = Math.min(seconds / 3.0, 120) / 60.0;
        List<double[]> steady = samples.stream().filter(s -> s[0] >= warmUpMinutes).toList();
        double rssSlope = slope(steady, 1);
        double fdSlope = slope(steady, 2);
        Path out = Path.of("target", "reliability");
        Files.createDirectories(out);
        StringBuilder csv = new StringBuilder("minutes,rss_mb,open_fds,heap_used_mb,non_heap_mb,db_file_mb\n");
        samples.forEach(s -> csv.append(String.format("%.3f,%.1f,%.0f,%.1f,%.1f,%.1f%n", s[0], s[1], s[2], s[3], s[4], s[5])));
        Files.writeString(out.resolve("soak.csv"), csv);
        System.out.printf("soak: %d s, %d projects (%d tasks), %d samples, RSS %.1f -> %.1f MB (slope after warm-up %.3f MB/min, "
                        + "whole run %.3f), fds %.0f -> %.0f (slope after warm-up %.3f /min, whole run %.3f)%n", seconds, projects,
                projects * 20, samples.size(), samples.get(0)[1], samples.get(samples.size() - 1)[1], rssSlope, slope(samples, 1),
                samples.get(0)[2], samples.get(samples.size() - 1)[2], fdSlope, slope(samples, 2));
        // where RSS growth comes from: the Java heap, the JVM's own non-heap, or native memory (SQLite's page caches
        // fill as the database file grows, up to their bound, then stay)
        double heapSlope = slope(steady, 3);
        double peakRss = samples.stream().mapToDouble(s -> s[1]).max().orElseThrow();
        System.out.printf("soak slopes after warm-up (MB/min): heap used %.3f, non-heap %.3f, database file %.3f; "
                + "peak RSS %.1f MB, page-cache bound %.1f MB%n", heapSlope, slope(steady, 4), slope(steady, 5), peakRss, pageCacheMb);
        assertThat(steady).hasSizeGreaterThan(2);
        assertThat(fdSlope).as("open descriptors per minute").isLessThan(1.0);
        assertThat(heapSlope).as("Java heap in use after GC, MB per minute").isLessThan(1.0);
        assertThat(peakRss).as("peak RSS (MB): start + SQLite page caches full + heap/JIT headroom")
                .isLessThan(samples.get(0)[1] + pageCacheMb + RSS_HEADROOM_MB);
    }

    /** What the JVM may add beyond its first sample besides the page caches: heap sizing, JIT code, thread stacks. */
    private static final double RSS_HEADROOM_MB = 96;

    /** Least-squares slope of column {@code y} against minutes. */
    static double slope(List<double[]> samples, int y) {
        double n = samples.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (double[] s : samples) {
            sx += s[0];
            sy += s[y];
            sxx += s[0] * s[0];
            sxy += s[0] * s[y];
        }
        double d = n * sxx - sx * sx;
        return d == 0 ? 0 : (n * sxy - sx * sy) / d;
    }

    private static double rssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    private static double openFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
