package org.orchestration.ui.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.budget.UsageRecord;
import org.orchestration.core.engine.EngineServices;
import org.orchestration.core.llm.TokenUsage;
import org.orchestration.core.model.Purpose;
import org.orchestration.ui.common.ErrorFunnel;
import org.orchestration.ui.common.LoadState;
import org.orchestration.ui.common.Session;
import org.orchestration.ui.common.UiExecutor;
import org.orchestration.ui.common.UiTasks;
import org.orchestration.ui.testing.UiEngine;

class UsageViewModelTest {

    @TempDir
    static Path dir;
    static UiEngine engine;
    static EngineServices services;

    private final Session session = new Session();
    private UsageViewModel vm;

    @BeforeAll
    static void start() {
        engine = UiEngine.start(dir);
        services = engine.engine.services();
        services.budget().setLimits(engine.engine.owner(), 5, 50);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /** Each test is a new user, who sees only their own usage rows. */
    @BeforeEach
    void signIn() {
        session.signIn(engine.engine.user(Role.USER));
        vm = new UsageViewModel(engine.engine.services().usageReports(), session, tasks());
    }

    private static UiTasks tasks() {
        return new UiTasks(UiExecutor.direct(), new ErrorFunnel());
    }

    /** A planning call that cost $0.0042, recorded as the planner records a paid call (Simulated calls are free). */
    private void spend() {
        User user = session.user();
        String projectId = services.projects().create(user, "P", "x").id();
        services.budget().record(null, new UsageRecord(UUID.randomUUID().toString(), user.id(), projectId, null, Purpose.PLAN,
                "anthropic", "claude-sonnet-4-5", new TokenUsage(1000, 80, 0, 0), 4_200));
    }

    @Test
    void nothingSpentIsTheEmptyState() {
        vm.load();
        assertThat(vm.report().getState()).isEqualTo(LoadState.EMPTY);
    }

    @Test
    void spendIsShownAgainstTheLimits() {
        spend();
        vm.load();
        assertThat(vm.report().getState()).isEqualTo(LoadState.DATA);
        assertThat(vm.getTodayText()).isEqualTo("$0.0042 of $5.00");
        assertThat(vm.todayFractionProperty().get()).isGreaterThan(0);
    }

    @Test
    void aZeroLimitIsSaidAsTheEngineReadsItNoPaidCallsNotNoLimit() {
        assertThat(UsageViewModel.ofLimit(1_000_000, 0)).isEqualTo("$1.00 of $0.00 (no paid calls allowed)");
        assertThat(UsageViewModel.fraction(5, 0)).isEqualTo(1.0);
    }

    @Test
    void csvExportWritesAFileAndSaysWhere(@TempDir Path out) throws Exception {
        spend();
        vm.exportCsv(out.resolve("usage"));
        assertThat(Files.readString(out.resolve("usage.csv")))
                .startsWith("time,project_id,project,task_id,purpose,provider,model,input_tokens,output_tokens")
                .contains("claude-sonnet-4-5");
        assertThat(vm.getMessage()).isEqualTo("Exported to usage.csv.");
    }

    @Test
    void aRefusedReportShowsTheCoresSentence() {
        User deactivated = services.userAdmin().deactivate(engine.engine.owner(), session.user().id());
        Session stale = new Session();
        stale.signIn(deactivated);
        UsageViewModel refused = new UsageViewModel(engine.engine.services().usageReports(), stale, tasks());
        refused.load();
        assertThat(refused.report().getState()).isEqualTo(LoadState.ERROR);
        assertThat(refused.report().getError()).isEqualTo("This account is deactivated.");
    }
}
