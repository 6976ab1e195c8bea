package org.orchestration.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orchestration.ui.common.ErrorFunnel;
import org.orchestration.ui.common.Session;
import org.orchestration.ui.demo.DemoBackend;
import org.orchestration.ui.port.ThemeChoice;
import org.orchestration.ui.testing.Stubs;

class SettingsViewModelTest {

    private final DemoBackend backend = Stubs.backend();
    private final Session session = Stubs.signedIn(backend);
    private final List<ThemeChoice> applied = new ArrayList<>();
    private final SettingsViewModel vm = new SettingsViewModel(backend, session, Stubs.directTasks(new ErrorFunnel()),
            applied::add);

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void loadsTheCurrentValuesIntoTheForm() {
        vm.load();
        assertThat(vm.dailyBudgetProperty().get()).isEqualTo("5");
        assertThat(vm.apiBaseUrlProperty().get()).isEqualTo("http://127.0.0.1:8765/api");
        assertThat(vm.maskedKeyProperty().get()).isEqualTo("No key stored");
    }

    @Test
    void invalidNumbersAreRejectedBeforeSaving() {
        vm.load();
        vm.concurrencyProperty().set("0");
        vm.save();
        assertThat(vm.getMessage()).isEqualTo("Concurrency is a whole number from 1 to 32.");
        vm.concurrencyProperty().set("4");
        vm.apiPortProperty().set("80");
        assertThat(vm.validate()).isEqualTo("The API port is a number from 1024 to 65535.");
    }

    @Test
    void savingStoresTheValuesAndAKeyIsShownMasked() {
        vm.load();
        vm.dailyBudgetProperty().set("7.5");
        vm.anthropicKeyProperty().set("sk-ant-api03-abcdefghijkl");
        vm.save();
        assertThat(vm.getMessage()).isEqualTo("Settings saved.");
        assertThat(backend.load(session.user()).dailyBudgetMicros()).isEqualTo(7_500_000);
        assertThat(vm.maskedKeyProperty().get()).isEqualTo("sk-ant-…ijkl");
        assertThat(vm.anthropicKeyProperty().get()).isEmpty();
    }

    @Test
    void routingAndPricesAreEditedAndSaved() {
        vm.load();
        assertThat(vm.setRouteModel("code", "claude-opus-4")).isEmpty();
        assertThat(vm.setPrice("claude-haiku-4-5", "0.8", "4")).isEmpty();
        vm.save();
        assertThat(backend.load(session.user()).routing()).containsEntry("code", "claude-opus-4");
        assertThat(backend.load(session.user()).prices()).contains(
                new org.orchestration.ui.port.ModelPrice("claude-haiku-4-5", 800_000, 4_000_000));
    }

    @Test
    void aBadPriceOrAnEmptyModelIsRejected() {
        vm.load();
        assertThat(vm.setPrice("claude-haiku-4-5", "cheap", "4")).contains("dollar amounts");
        assertThat(vm.setRouteModel("code", " ")).isEqualTo("Name a model for “code” tasks.");
    }

    @Test
    void aNewPersonalApiKeyIsShownOnce() {
        vm.load();
        vm.createApiKey("laptop");
        assertThat(vm.newSecretProperty().get()).startsWith("oe_");
        assertThat(vm.apiKeys().getData()).singleElement().satisfies(k -> assertThat(k.name()).isEqualTo("laptop"));
    }

    @Test
    void choosingAThemeAppliesAndRemembersIt() {
        vm.chooseTheme(ThemeChoice.DARK);
        assertThat(applied).containsExactly(ThemeChoice.DARK);
        assertThat(backend.uiPrefs().theme()).isEqualTo(ThemeChoice.DARK);
    }
}
