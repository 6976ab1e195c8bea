package org.orchestration.ui.signin;

import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;

/** Sign-in / register form (multi-user mode only). */
public final class SignInView {

    private final SignInViewModel vm;

    @FXML private Label title;
    @FXML private TextField email;
    @FXML private TextField displayName;
    @FXML private PasswordField password;
    @FXML private Label error;
    @FXML private Button submit;
    @FXML private Hyperlink switchMode;

    public SignInView(SignInViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        email.textProperty().bindBidirectional(vm.emailProperty());
        password.textProperty().bindBidirectional(vm.passwordProperty());
        displayName.textProperty().bindBidirectional(vm.displayNameProperty());
        displayName.visibleProperty().bind(vm.registeringProperty());
        displayName.managedProperty().bind(vm.registeringProperty());
        title.textProperty().bind(Bindings.when(vm.registeringProperty()).then("Create an account").otherwise("Sign in"));
        submit.textProperty().bind(Bindings.when(vm.registeringProperty()).then("Register").otherwise("Sign in"));
        switchMode.textProperty().bind(Bindings.when(vm.registeringProperty())
                .then("Have an account? Sign in").otherwise("No account yet? Register"));
        switchMode.visibleProperty().bind(vm.registrationOpenProperty().or(vm.registeringProperty()));
        switchMode.setOnAction(e -> vm.registeringProperty().set(!vm.registeringProperty().get()));
        error.textProperty().bind(vm.errorProperty());
        submit.disableProperty().bind(vm.busyProperty());
        submit.setOnAction(e -> vm.submit());
        vm.load();
    }
}
