package org.orchestration.bench.scenarios;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.jobrunr.configuration.JobRunr;
import org.jobrunr.configuration.JobRunrConfiguration.JobRunrConfigurationResult;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.scheduling.BackgroundJob;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.sql.sqlite.SqLiteStorageProvider;
import org.jobrunr.utils.VersionNumber;
import org.orchestration.bench.BenchContext;
import org.orchestration.bench.Metric;
import org.orchestration.bench.Scenario;
import org.orchestration.bench.ScenarioResult;
import org.orchestration.bench.Stats;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The peer: JobRunr (open source) on SQLite storage, processing independent no-op jobs with
 * its fastest documented settings (short poll interval, worker count = our slots). Reports its
 * throughput and time from enqueue to the first job starting.
 */
public final class JobRunrPeerScenario implements Scenario {

    /** Job bodies are static so JobRunr can find them by reflection; the clock is bench-only. */
    static final AtomicLong FIRST_START_NANOS = new AtomicLong();
    static final AtomicLong DONE = new AtomicLong();

    private final int jobs;
    private final int workers;

    public JobRunrPeerScenario(int jobs, int workers) {
        this.jobs = jobs;
        this.workers = workers;
    }

    @Override
    public String name() {
        return "peer-jobrunr";
    }

    @Override
    public String description() {
        return "JobRunr " + VersionNumber.class.getPackage().getImplementationVersion()
                + " with SQLite storage: " + "%d independent no-op jobs, %d workers.".formatted(jobs, workers);
    }

    public static void noop(Integer i) {
        FIRST_START_NANOS.compareAndSet(0, System.nanoTime());
        DONE.incrementAndGet();
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        List<Double> throughput = new ArrayList<>();
        List<Double> firstStartMs = new ArrayList<>();
        String note = "";
        List<String> failures = new ArrayList<>();
        for (int r = 0, attempts = 0; r < context.repeats() && attempts < 2 * context.repeats(); attempts++) {
            Path dbFile = Files.createTempFile(context.workDir(), "jobrunr", ".db");
            // WAL and a busy timeout, as for the engine's own database: without them JobRunr's workers and
            // its steward fail with SQLITE_BUSY under load.
            SQLiteConfig sqlite = new SQLiteConfig();
            sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
            sqlite.setBusyTimeout(10_000);
            SQLiteDataSource ds = new SQLiteDataSource(sqlite);
            ds.setUrl("jdbc:sqlite:" + dbFile);
            StorageProvider storage = new SqLiteStorageProvider(ds);
            FIRST_START_NANOS.set(0);
            DONE.set(0);
            Duration poll = Duration.ofSeconds(5);
            JobRunrConfigurationResult result = null;
            try {
                result = JobRunr.configure()
                        .useStorageProvider(storage)
                        .useBackgroundJobServer(BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                                .andWorkerCount(workers)
                                .andPollInterval(poll))
                        .initialize();
                long start = System.nanoTime();
                BackgroundJob.<Integer>enqueue(IntStream.range(0, jobs).boxed(), i -> JobRunrPeerScenario.noop(i));
                long deadline = start + Duration.ofMinutes(5).toNanos();
                // The job bodies count themselves; the storage is asked once at the end (polling it would compete for the lock).
                while (DONE.get() < jobs && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
                }
                long end = System.nanoTime();
                while (storage.countJobs(StateName.SUCCEEDED) < jobs && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
                }
                if (storage.countJobs(StateName.SUCCEEDED) < jobs) {
                    throw new IllegalStateException("JobRunr did not finish: " + storage.getJobStats());
                }
                throughput.add(jobs / ((end - start) / 1e9));
                firstStartMs.add((FIRST_START_NANOS.get() - start) / 1e6);
                r++;
                note = "Poll interval " + poll.toSeconds() + " s (JobRunr's minimum in the open-source edition); SQLite in WAL mode with a 10 s busy timeout. "
                        + "Throughput = jobs / time from enqueue until every job body has run.";
            } catch (RuntimeException e) {
                // JobRunr on SQLite sometimes dies with SQLITE_BUSY in its own bookkeeping: that repeat is run again
                // (at most as many extra attempts as repeats) and the failure is reported with the figures
                failures.add(e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
            } finally {
                JobRunr.destroy();
                if (result != null) {
                    storage.close();
                }
            }
        }
        if (throughput.isEmpty()) {
            throw new IllegalStateException("JobRunr failed every attempt: " + failures);
        }
        if (!failures.isEmpty()) {
            note += " " + failures.size() + " attempt(s) failed and were run again: " + String.join("; ", failures) + ".";
        }
        return new ScenarioResult(name(), description(), throughput.size(), List.of(
                Metric.info("throughput", "jobs/s", Stats.of(throughput)),
                Metric.info("time to first start", "ms", Stats.of(firstStartMs))), note);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
