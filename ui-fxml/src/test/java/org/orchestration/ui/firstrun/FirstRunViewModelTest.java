package org.orchestration.ui.firstrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orchestration.core.auth.User;
import org.orchestration.core.errors.StorageException;
import org.orchestration.ui.common.ErrorFunnel;
import org.orchestration.ui.demo.DemoBackend;
import org.orchestration.ui.port.SettingsPort;
import org.orchestration.ui.testing.Stubs;

class FirstRunViewModelTest {

    private final DemoBackend backend = new DemoBackend();
    private final FirstRunViewModel vm = new FirstRunViewModel(backend, backend, Stubs.directTasks(new ErrorFunnel()));
    private final List<User> done = new ArrayList<>();

    {
        vm.setOnDone(done::add);
    }

    @AfterEach
    void close() {
        backend.close();
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
        assertThat(done).singleElement().extracting(User::displayName).isEqualTo("You");
        assertThat(backend.setupState().firstRunDone()).isTrue();
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
        vm.anthropicKeyProperty().set("not-a-key");
        vm.testAnthropic();
        assertThat(vm.anthropicOkProperty().get()).isFalse();
        assertThat(vm.anthropicCheckProperty().get()).contains("sk-ant-");
        vm.ollamaUrlProperty().set("http://localhost:11434");
        vm.testOllama();
        assertThat(vm.ollamaOkProperty().get()).isTrue();
    }

    @Test
    void aFailureWhileSavingIsShownAndTheFormStaysUsable() {
        FirstRunViewModel failing = new FirstRunViewModel(
                Stubs.failing(SettingsPort.class, new StorageException("Could not write the settings.")), backend,
                Stubs.directTasks(new ErrorFunnel()));
        failing.useSimulated();
        failing.finish();
        assertThat(failing.getError()).isEqualTo("Could not write the settings.");
        assertThat(failing.busyProperty().get()).isFalse();
    }
}
