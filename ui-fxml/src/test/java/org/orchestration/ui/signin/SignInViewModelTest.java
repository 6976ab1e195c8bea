package org.orchestration.ui.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.User;
import org.orchestration.ui.common.ErrorFunnel;
import org.orchestration.ui.common.UiExecutor;
import org.orchestration.ui.common.UiTasks;
import org.orchestration.ui.testing.UiEngine;

class SignInViewModelTest {

    @TempDir
    static Path dir;
    static UiEngine engine;

    private final SignInViewModel vm = new SignInViewModel(engine.engine.services().auth(),
            new UiTasks(UiExecutor.direct(), new ErrorFunnel()));
    private final List<User> signedIn = new ArrayList<>();

    {
        vm.setOnSignedIn(signedIn::add);
    }

    /** Multi-user mode, registration open; the first account registered is the administrator. */
    @BeforeAll
    static void start() {
        engine = UiEngine.startMultiUser(dir);
        engine.engine.services().auth().register("admin@example.com", "correct horse battery", "Admin");
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void aWrongPasswordGetsTheGenericMessage() {
        vm.emailProperty().set("admin@example.com");
        vm.passwordProperty().set("wrong password");
        vm.submit();
        assertThat(vm.getError()).isEqualTo("Email or password is incorrect.");
        assertThat(signedIn).isEmpty();
        assertThat(vm.passwordProperty().get()).isEmpty();
    }

    @Test
    void theRightPasswordSignsInAndClearsThePasswordField() {
        vm.emailProperty().set("admin@example.com");
        vm.passwordProperty().set("correct horse battery");
        vm.submit();
        assertThat(signedIn).singleElement().extracting(User::email).isEqualTo("admin@example.com");
        assertThat(vm.passwordProperty().get()).isEmpty();
    }

    @Test
    void emptyFieldsAreCaughtBeforeAnyCall() {
        vm.submit();
        assertThat(vm.getError()).isEqualTo("Enter your email and password.");
    }

    @Test
    void registeringNeedsALongEnoughPassword() {
        vm.registeringProperty().set(true);
        vm.emailProperty().set("new@example.com");
        vm.passwordProperty().set("short");
        vm.submit();
        assertThat(vm.getError()).contains("at least 10 characters");
    }

    @Test
    void registeringCreatesTheAccountAndSignsIn() {
        vm.load();
        assertThat(vm.registrationOpenProperty().get()).isTrue();
        vm.registeringProperty().set(true);
        vm.emailProperty().set("new@example.com");
        vm.passwordProperty().set("a long password");
        vm.submit();
        assertThat(vm.getError()).isEqualTo("A display name must not be empty."); // core's account rule
        assertThat(signedIn).isEmpty();
        vm.displayNameProperty().set("New");
        vm.passwordProperty().set("a long password");
        vm.submit();
        assertThat(signedIn).singleElement().extracting(User::email).isEqualTo("new@example.com");
    }
}
