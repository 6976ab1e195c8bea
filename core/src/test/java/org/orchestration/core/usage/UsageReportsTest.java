package org.orchestration.core.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.errors.StorageException;
import org.orchestration.core.errors.UnauthorizedException;
import org.orchestration.core.projects.Project;
import org.orchestration.core.testing.TestEngine;

/** The usage screen's report on the real engine: breakdowns, visibility per user, the CSV export. */
class UsageReportsTest {

    @TempDir
    static Path dir;
    static TestEngine engine;
    static UsageReports reports;
    static User alice;
    static User bob;

    @BeforeAll
    static void start() {
        engine = TestEngine.start(dir);
        reports = new UsageReports(engine.services().usage(), engine.clock);
        alice = engine.user(Role.USER);
        bob = engine.user(Role.USER);
        Project a = engine.services().projects().create(alice, "Alice's report", "");
        Project b = engine.services().projects().create(bob, "Bob's report", "");
        spend(alice, a.id(), "claude-sonnet-4-6", 1_500);
        spend(alice, a.id(), "claude-haiku-4-5", 500);
        spend(bob, b.id(), "claude-sonnet-4-6", 7_000);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static void spend(User user, String projectId, String model, long micros) {
        engine.db.update("INSERT INTO usage_log (idempotency_key, user_id, project_id, purpose, provider, model, cost_micros, created_at) "
                + "VALUES (?, ?, ?, 'task', 'anthropic', ?, ?, ?)", UUID.randomUUID().toString(), user.id(), projectId, model, micros,
                engine.clock.millis());
    }

    @Test
    void aUserSeesTheirOwnSpendByDayProjectAndModel() {
        UsageReport r = reports.report(alice);

        assertThat(r.todayMicros()).isEqualTo(2_000);
        assertThat(r.monthMicros()).isEqualTo(2_000);
        assertThat(r.byDay()).hasSize(UsageReports.DAYS);
        assertThat(r.byDay().get(UsageReports.DAYS - 1).micros()).isEqualTo(r.todayMicros());
        assertThat(r.byProject()).containsExactly(new NamedSpend("Alice's report", 2_000));
        assertThat(r.byModel()).containsExactlyInAnyOrder(new NamedSpend("claude-sonnet-4-6", 1_500),
                new NamedSpend("claude-haiku-4-5", 500));
        assertThat(r.dailyLimitMicros()).isEqualTo(engine.services().budget().limits().dailyMicros());
        assertThat(r.isEmpty()).isFalse();
    }

    @Test
    void anAdminSeesEveryonesSpend() {
        UsageReport r = reports.report(engine.owner());

        assertThat(r.todayMicros()).isEqualTo(9_000);
        assertThat(r.byProject()).extracting(NamedSpend::name).contains("Alice's report", "Bob's report");
    }

    @Test
    void aNewUserWithoutSpendGetsAnEmptyReportAndNobodySignedInGetsNone() {
        assertThat(reports.report(engine.user(Role.USER)).isEmpty()).isTrue();
        assertThatThrownBy(() -> reports.report(null)).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void theCsvExportHoldsOnlyWhatTheUserMaySee(@TempDir Path out) throws IOException {
        Path file = out.resolve("usage.csv");
        reports.exportCsv(alice, file);

        String csv = Files.readString(file);
        assertThat(csv).startsWith("time,project_id,project,");
        assertThat(csv).contains("Alice's report").doesNotContain("Bob's report");
        assertThat(csv.lines()).hasSize(3);
    }

    @Test
    void aFileThatCannotBeWrittenIsAStorageErrorNamingIt(@TempDir Path out) {
        Path file = out.resolve("missing-folder").resolve("usage.csv");
        assertThatThrownBy(() -> reports.exportCsv(alice, file)).isInstanceOf(StorageException.class)
                .hasMessageContaining(file.toString());
    }
}
