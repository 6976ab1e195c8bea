package org.orchestration.ui.firstrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.User;
import org.orchestration.core.settings.FirstRunSetup;
import org.orchestration.core.engine.EngineServices;
import org.orchestration.core.testing.FakeOllamaServer;
import org.orchestration.ui.common.ErrorFunnel;
import org.orchestration.ui.common.UiExecutor;
import org.orchestration.ui.common.UiTasks;
import org.orchestration.ui.testing.UiEngine;

class FirstRunViewModelTest {

    @TempDir
    static Path dir;
    /** A fresh engine: first run not done yet. */
    static UiEngine engine;
    static EngineServices services;

    private final FirstRunViewModel vm = viewModel();
    private final List<User> done = new ArrayList<>();

    {
        vm.setOnDone(done::add);
    }

    @BeforeAll
    static void start() {
        engine = UiEngine.start(dir);
        services = engine.engine.services();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /** The engine is shared by the class: each test starts before first run, as a fresh install does. */
    @BeforeEach
    void firstRunNotDone() {
        engine.engine.settings.remove(FirstRunSetup.DONE_KEY);
    }

    private static FirstRunViewModel viewModel() {
        return new FirstRunViewModel(services.firstRun(), services.connectionTester(), new UiTasks(UiExecutor.direct(), new ErrorFunnel()));
    }

    @Test
    void withoutAnyProviderTheFormSaysWhatIsMissing() {
        assertThat(vm.getValidation()).isEqualTo("Enter an Anthropic key or an Ollama URL, or choose Simulated mode.");
    }

    @Test
    void simulatedModeWithDefaultBudgetsFinishesInOneStep() {
        vm.useSimulated();
        assertThat(vm.getValidation()).isEmpty();
        vm.finish();
        assertThat(done).singleElement().extracting(User::id).isEqualTo(engine.engine.owner().id());
        assertThat(services.firstRun().state().firstRunDone()).isTrue();
        assertThat(engine.engine.services().budget().limits().dailyMicros()).isEqualTo(5_000_000);
    }

    @Test
    void aMonthlyBudgetBelowTheDailyOneIsRejected() {
        vm.useSimulated();
        vm.dailyBudgetProperty().set("10");
        vm.monthlyBudgetProperty().set("5");
        assertThat(vm.getValidation()).contains("monthly budget cannot be smaller");
    }

    @Test
    void aBudgetThatIsNotANumberIsRejected() {
        vm.useSimulated();
        vm.dailyBudgetProperty().set("lots");
        assertThat(vm.getValidation()).isEqualTo("Enter the daily budget in dollars, e.g. 5.");
    }

    @Test
    void multiUserModeNeedsAnAdministratorWithAStrongEnoughPassword() {
        vm.useSimulated();
        vm.multiUserProperty().set(true);
        vm.adminEmailProperty().set("admin@example.com");
        vm.adminPasswordProperty().set("short");
        assertThat(vm.getValidation()).contains("at least 10 characters");
        vm.adminPasswordProperty().set("long enough pass");
        assertThat(vm.getValidation()).isEmpty();
    }

    @Test
    void testConnectionShowsTheResultAsASentence() {
        vm.anthropicKeyProperty().set(" ");
        vm.testAnthropic();
        assertThat(vm.anthropicOkProperty().get()).isFalse();
        assertThat(vm.anthropicCheckProperty().get()).isEqualTo("Enter an Anthropic API key first.");
        try (FakeOllamaServer ollama = FakeOllamaServer.start()) {
            ollama.enqueueVersion("0.5.7");
            vm.ollamaUrlProperty().set(ollama.baseUrl());
            vm.testOllama();
            assertThat(vm.ollamaOkProperty().get()).isTrue();
            assertThat(vm.ollamaCheckProperty().get()).isEqualTo("Connected to Ollama 0.5.7.");
        }
    }

    @Test
    void aFailureWhileSavingIsShownAndTheFormStaysUsable() {
        // the form lets $0 through; the engine refuses a $0 limit (it would stop every paid call)
        FirstRunViewModel failing = viewModel();
        failing.useSimulated();
        failing.dailyBudgetProperty().set("0");
        assertThat(failing.getValidation()).isEmpty();
        failing.finish();
        assertThat(failing.getError())
                .isEqualTo("Enter a budget above $0: the engine never spends past a limit, so $0 would stop every paid call.");
        assertThat(failing.busyProperty().get()).isFalse();
    }
}
