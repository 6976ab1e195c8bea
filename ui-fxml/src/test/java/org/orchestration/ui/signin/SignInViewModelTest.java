package org.orchestration.ui.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orchestration.core.auth.User;
import org.orchestration.ui.common.ErrorFunnel;
import org.orchestration.ui.demo.DemoBackend;
import org.orchestration.core.settings.FirstRunRequest;
import org.orchestration.ui.testing.Stubs;

class SignInViewModelTest {

    private final DemoBackend backend = new DemoBackend();
    private final SignInViewModel vm = new SignInViewModel(backend, Stubs.directTasks(new ErrorFunnel()));
    private final List<User> signedIn = new ArrayList<>();

    {
        backend.completeFirstRun(new FirstRunRequest(true, "admin@example.com", "correct horse battery", "", "", true, 0, 0));
        vm.setOnSignedIn(signedIn::add);
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
        assertThat(signedIn).singleElement().extracting(User::email).isEqualTo("new@example.com");
    }
}
