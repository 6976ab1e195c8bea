package org.orchestration.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.User;
import org.orchestration.core.budget.BudgetLimits;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.engine.EngineServices;
import org.orchestration.core.errors.ConflictException;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.llm.ModelRouter;
import org.orchestration.core.llm.StoredKeyAnthropicProvider;
import org.orchestration.core.testing.TestEngine;

/** First-run setup on the real engine (single-user start; one multi-user start for the admin account). */
class FirstRunSetupTest {

    @TempDir
    static Path dir;
    @TempDir
    static Path multiDir;
    static TestEngine engine;
    static TestEngine multi;
    static FirstRunSetup setup;

    @BeforeAll
    static void start() {
        engine = TestEngine.start(dir);
        multi = TestEngine.startMultiUser(multiDir);
        setup = setupOf(engine);
    }

    @AfterAll
    static void stop() {
        engine.close();
        multi.close();
    }

    private static FirstRunSetup setupOf(TestEngine e) {
        EngineServices s = e.services();
        return new FirstRunSetup(s.authMode(), s.owner(), s.settings(), s.auth(), s.userAdmin(), s.authModeSwitch(), s.budget());
    }

    /** Each test is a fresh installation as far as the first-run flag goes. */
    @BeforeEach
    void notDoneYet() {
        engine.settings.remove(FirstRunSetup.DONE_KEY);
        engine.settings.remove(StoredKeyAnthropicProvider.KEY_SETTING);
        engine.settings.remove(OllamaHostSetting.KEY);
    }

    private static FirstRunRequest simulated(long dailyMicros, long monthlyMicros) {
        return new FirstRunRequest(false, "", "", "", "", true, dailyMicros, monthlyMicros);
    }

    @Test
    void aFreshInstallationAsksForTheFirstRunAndNotAfterwards() {
        assertThat(setup.state()).isEqualTo(new SetupState(false, false));

        setup.complete(simulated(2_000_000, 20_000_000));

        assertThat(setup.state()).isEqualTo(new SetupState(true, false));
    }

    @Test
    void aSecondFirstRunIsRefusedSoNobodyCanResetTheOwnersSignInWithoutSigningIn() {
        setup.complete(simulated(2_000_000, 20_000_000));

        assertThatThrownBy(() -> setup.complete(new FirstRunRequest(true, "mallory@example.com", "another long password", "", "",
                true, 2_000_000, 20_000_000))).isInstanceOf(ConflictException.class);
        assertThat(engine.services().userAdmin().listUsers(engine.owner()))
                .noneMatch(a -> a.user().email().equals("mallory@example.com"));
    }

    @Test
    void choosingSimulatedStoresTheModeAndTheBudgetsAndActsAsTheLocalOwner() {
        User actor = setup.complete(simulated(2_000_000, 20_000_000));

        assertThat(actor).isEqualTo(engine.owner());
        assertThat(engine.services().router().mode().kind()).isEqualTo(ModelRouter.ModeKind.SIMULATED);
        assertThat(engine.services().budget().limits()).isEqualTo(new BudgetLimits(2_000_000, 20_000_000));
    }

    @Test
    void anAnthropicKeyGivenAtFirstRunIsStoredAndUsedWithoutARestart() {
        setup.complete(new FirstRunRequest(false, "", "", " sk-ant-api03-abcdefghijkl ", "", false, 5_000_000, 50_000_000));

        assertThat(engine.settings.get(StoredKeyAnthropicProvider.KEY_SETTING, String.class)).contains("sk-ant-api03-abcdefghijkl");
        assertThat(engine.services().router().mode().kind()).isEqualTo(ModelRouter.ModeKind.LIVE);
    }

    @Test
    void anOllamaAddressGivenAtFirstRunIsUsedFromTheNextStart() {
        setup.complete(new FirstRunRequest(false, "", "", "", "http://10.0.0.5:11434", false, 5_000_000, 50_000_000));

        assertThat(engine.services().router().mode().kind()).isEqualTo(ModelRouter.ModeKind.LOCAL_ONLY);
        AppConfig next = OllamaHostSetting.applyTo(engine.config, engine.settings);
        assertThat(next.ollama().host()).isEqualTo("http://10.0.0.5:11434");
    }

    @Test
    void withoutSimulatedAKeyOrAnOllamaAddressTheFirstRunIsRefusedNamingTheProvider() {
        assertThatThrownBy(() -> setup.complete(new FirstRunRequest(false, "", "", " ", "", false, 5_000_000, 50_000_000)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).contains("provider"));
        assertThat(setup.state().firstRunDone()).isFalse();
    }

    @Test
    void aBudgetOfZeroIsRefusedBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> setup.complete(new FirstRunRequest(true, "zero@example.com", "correct horse battery", "", "",
                true, 0, 50_000_000)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).contains("dailyBudgetMicros"));
        assertThat(engine.services().userAdmin().listUsers(engine.owner())).noneMatch(a -> a.user().email().equals("zero@example.com"));
        assertThat(setup.state().firstRunDone()).isFalse();
    }

    @Test
    void choosingMultiUserGivesTheOwnerTheAdminSignInAndSwitchesAtTheNextStart() {
        User admin = setup.complete(new FirstRunRequest(true, "admin@example.com", "correct horse battery", "", "", true,
                5_000_000, 50_000_000));

        assertThat(admin.id()).isEqualTo(engine.owner().id());
        assertThat(admin.email()).isEqualTo("admin@example.com");
        assertThat(admin.isAdmin()).isTrue();
        assertThat(engine.services().authModeSwitch().stored()).contains(AppConfig.AuthMode.MULTI);
        assertThat(engine.services().auth().login("admin@example.com", "correct horse battery").user().id()).isEqualTo(admin.id());
    }

    @Test
    void aMultiUserStartRegistersTheAdminAsTheFirstAccount() {
        FirstRunSetup multiSetup = setupOf(multi);
        assertThat(multiSetup.state()).isEqualTo(new SetupState(false, true));

        User admin = multiSetup.complete(new FirstRunRequest(true, "first@example.com", "correct horse battery", "", "", true,
                5_000_000, 50_000_000));

        assertThat(admin.isAdmin()).isTrue();
        assertThat(multi.services().auth().login("first@example.com", "correct horse battery").user().id()).isEqualTo(admin.id());
        assertThat(multiSetup.state()).isEqualTo(new SetupState(true, true));
    }
}
