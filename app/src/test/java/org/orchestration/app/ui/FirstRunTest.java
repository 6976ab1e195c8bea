package org.orchestration.app.ui;

import org.orchestration.core.settings.OllamaHostSetting;
import org.orchestration.core.llm.StoredKeyAnthropicProvider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.User;
import org.orchestration.core.budget.BudgetLimits;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.llm.ModelRouter;
import org.orchestration.core.settings.FirstRunRequest;
import org.orchestration.core.settings.FirstRunSetup;
import org.orchestration.core.settings.ThemeChoice;
import org.orchestration.core.settings.UiPrefs;

/** First run and per-installation settings on a real engine (single-user start). */
class FirstRunTest {

    @TempDir
    Path tmp;

    private RealEngine engine;
    private FirstRunSetup firstRun;

    @BeforeEach
    void setUp() {
        engine = RealEngine.start(tmp.resolve("data"));
        firstRun = engine.services().firstRun();
    }

    @AfterEach
    void tearDown() {
        engine.close();
    }

    private static FirstRunRequest simulated(long dailyMicros, long monthlyMicros) {
        return new FirstRunRequest(false, "", "", "", "", true, dailyMicros, monthlyMicros);
    }

    @Test
    void aFreshInstallationAsksForTheFirstRunAndNotAfterwards() {
        assertThat(firstRun.state().firstRunDone()).isFalse();

        firstRun.complete(simulated(2_000_000, 20_000_000));

        assertThat(firstRun.state().firstRunDone()).isTrue();
        assertThat(firstRun.state().multiUser()).isFalse();
    }

    @Test
    void choosingSimulatedStoresTheModeAndTheBudgetsAndActsAsTheLocalOwner() {
        User actor = firstRun.complete(simulated(2_000_000, 20_000_000));

        assertThat(actor).isEqualTo(engine.owner());
        assertThat(engine.services().router().mode().kind()).isEqualTo(ModelRouter.ModeKind.SIMULATED);
        assertThat(engine.services().budget().limits()).isEqualTo(new BudgetLimits(2_000_000, 20_000_000));
    }

    @Test
    void anAnthropicKeyGivenAtFirstRunIsStoredAndUsedWithoutARestart() {
        firstRun.complete(new FirstRunRequest(false, "", "", " sk-ant-api03-abcdefghijkl ", "", false, 5_000_000, 50_000_000));

        assertThat(engine.services().settings().get(StoredKeyAnthropicProvider.KEY_SETTING, String.class))
                .contains("sk-ant-api03-abcdefghijkl");
        assertThat(engine.services().router().mode().kind()).isEqualTo(ModelRouter.ModeKind.LIVE);
        assertThat(engine.services().appSettings().load(engine.owner()).anthropicKeyMasked()).isEqualTo("sk-ant-…ijkl");
    }

    @Test
    void anOllamaAddressGivenAtFirstRunIsUsedFromTheNextStart() {
        firstRun.complete(new FirstRunRequest(false, "", "", "", "http://10.0.0.5:11434", false, 5_000_000, 50_000_000));

        assertThat(engine.services().router().mode().kind()).isEqualTo(ModelRouter.ModeKind.LOCAL_ONLY);
        AppConfig next = OllamaHostSetting.applyTo(engine.services().config(), engine.services().settings());
        assertThat(next.ollama().host()).isEqualTo("http://10.0.0.5:11434");
    }

    @Test
    void withoutSimulatedAKeyOrAnOllamaAddressTheFirstRunIsRefusedNamingTheProvider() {
        assertThatThrownBy(() -> firstRun.complete(new FirstRunRequest(false, "", "", " ", "", false, 5_000_000, 50_000_000)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).contains("provider"));
        assertThat(firstRun.state().firstRunDone()).isFalse();
    }

    @Test
    void aBudgetOfZeroIsRefusedBecauseTheEngineWouldSpendNothing() {
        assertThatThrownBy(() -> firstRun.complete(simulated(0, 50_000_000)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).contains("dailyBudgetMicros"));
    }

    @Test
    void choosingMultiUserGivesTheOwnerTheAdminSignInAndSwitchesAtTheNextStart() {
        User admin = firstRun.complete(new FirstRunRequest(true, "admin@example.com", "correct horse battery", "", "", true,
                5_000_000, 50_000_000));

        assertThat(admin.email()).isEqualTo("admin@example.com");
        assertThat(admin.isAdmin()).isTrue();
        assertThat(engine.services().authModeSwitch().stored()).contains(AppConfig.AuthMode.MULTI);
        assertThat(engine.services().auth().signIn("admin@example.com", "correct horse battery").id()).isEqualTo(admin.id());
    }

    @Test
    void windowPreferencesSurviveWithUnsavedBoundsStillUnsaved() {
        engine.services().uiPrefs().save(UiPrefs.defaults().withTheme(ThemeChoice.DARK).withLastScreen("usage"));

        UiPrefs back = engine.services().uiPrefs().load();

        assertThat(back.theme()).isEqualTo(ThemeChoice.DARK);
        assertThat(back.lastScreen()).isEqualTo("usage");
        assertThat(back.x()).isNaN();
        assertThat(back.width()).isEqualTo(UiPrefs.defaults().width());
    }
}
