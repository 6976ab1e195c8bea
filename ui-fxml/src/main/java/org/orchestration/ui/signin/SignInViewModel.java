package org.orchestration.ui.signin;

import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.orchestration.core.auth.AuthService;
import org.orchestration.core.auth.User;
import org.orchestration.ui.common.UiTasks;

/** Sign in or register (multi-user mode). Errors are the core's generic sentences. */
public final class SignInViewModel {

    private final AuthService auth;
    private final UiTasks tasks;
    private Consumer<User> onSignedIn = u -> { };

    private final BooleanProperty registering = new SimpleBooleanProperty(false);
    private final StringProperty email = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty displayName = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper registrationOpen = new ReadOnlyBooleanWrapper(false);

    public SignInViewModel(AuthService auth, UiTasks tasks) {
        this.auth = auth;
        this.tasks = tasks;
    }

    public void setOnSignedIn(Consumer<User> c) {
        this.onSignedIn = c;
    }

    public BooleanProperty registeringProperty() { return registering; }
    public StringProperty emailProperty() { return email; }
    public StringProperty passwordProperty() { return password; }
    public StringProperty displayNameProperty() { return displayName; }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public String getError() { return error.get(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty registrationOpenProperty() { return registrationOpen.getReadOnlyProperty(); }

    public void load() {
        tasks.create(auth::isRegistrationOpen).onSuccess(registrationOpen::set).onError(error::set).start();
    }

    public void submit() {
        if (busy.get()) {
            return;
        }
        if (email.get().isBlank() || password.get().isEmpty()) {
            error.set("Enter your email and password.");
            return;
        }
        if (registering.get() && password.get().length() < 10) {
            error.set("Use at least 10 characters for the password.");
            return;
        }
        error.set("");
        busy.set(true);
        String e = email.get().strip();
        String p = password.get();
        String n = displayName.get().strip();
        boolean reg = registering.get();
        tasks.create(() -> reg ? auth.register(e, p, n) : auth.signIn(e, p))
                .onSuccess(u -> {
                    password.set("");
                    onSignedIn.accept(u);
                })
                .onError(m -> {
                    error.set(m);
                    password.set(""); // retype, as sign-in forms do
                })
                .onFinally(() -> busy.set(false))
                .start();
    }
}
