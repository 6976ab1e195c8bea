package org.orchestration.ui.firstrun;

import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.orchestration.core.auth.User;
import org.orchestration.ui.common.Format;
import org.orchestration.ui.common.UiTasks;
import org.orchestration.core.monitor.ConnectionCheck;
import org.orchestration.core.monitor.ConnectionTester;
import org.orchestration.core.settings.FirstRunRequest;
import org.orchestration.core.settings.FirstRunSetup;

/**
 * First run: mode, providers (each with "Test connection") or Simulated, budgets. Validation
 * lives here; {@link #finish()} stores the choices and hands the acting user to the shell.
 */
public final class FirstRunViewModel {

    private static final String EMAIL = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";

    private final FirstRunSetup firstRun;
    private final ConnectionTester tester;
    private final UiTasks tasks;
    private Consumer<User> onDone = u -> { };

    // Properties the user edits
    private final BooleanProperty multiUser = new SimpleBooleanProperty(false);
    private final StringProperty adminEmail = new SimpleStringProperty("");
    private final StringProperty adminPassword = new SimpleStringProperty("");
    private final BooleanProperty simulated = new SimpleBooleanProperty(false);
    private final StringProperty anthropicKey = new SimpleStringProperty("");
    private final StringProperty ollamaUrl = new SimpleStringProperty("");
    private final StringProperty dailyBudget = new SimpleStringProperty("5");
    private final StringProperty monthlyBudget = new SimpleStringProperty("50");

    // Read-only state
    private final ReadOnlyStringWrapper anthropicCheck = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper anthropicOk = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper ollamaCheck = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper ollamaOk = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper validation = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);

    public FirstRunViewModel(FirstRunSetup firstRun, ConnectionTester tester, UiTasks tasks) {
        this.firstRun = firstRun;
        this.tester = tester;
        this.tasks = tasks;
        validation.bind(Bindings.createStringBinding(this::validate, multiUser, adminEmail, adminPassword, simulated,
                anthropicKey, ollamaUrl, dailyBudget, monthlyBudget));
    }

    public void setOnDone(Consumer<User> onDone) {
        this.onDone = onDone;
    }

    // Properties

    public BooleanProperty multiUserProperty() { return multiUser; }
    public StringProperty adminEmailProperty() { return adminEmail; }
    public StringProperty adminPasswordProperty() { return adminPassword; }
    public BooleanProperty simulatedProperty() { return simulated; }
    public StringProperty anthropicKeyProperty() { return anthropicKey; }
    public StringProperty ollamaUrlProperty() { return ollamaUrl; }
    public StringProperty dailyBudgetProperty() { return dailyBudget; }
    public StringProperty monthlyBudgetProperty() { return monthlyBudget; }
    public ReadOnlyStringProperty anthropicCheckProperty() { return anthropicCheck.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty anthropicOkProperty() { return anthropicOk.getReadOnlyProperty(); }
    public ReadOnlyStringProperty ollamaCheckProperty() { return ollamaCheck.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty ollamaOkProperty() { return ollamaOk.getReadOnlyProperty(); }
    /** The first thing to fix, or "" when the form can be finished. */
    public ReadOnlyStringProperty validationProperty() { return validation.getReadOnlyProperty(); }
    public String getValidation() { return validation.get(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public String getError() { return error.get(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    private String validate() {
        if (multiUser.get()) {
            if (!adminEmail.get().strip().matches(EMAIL)) {
                return "Enter the administrator's email address.";
            }
            if (adminPassword.get().length() < 10) {
                return "Use at least 10 characters for the administrator's password.";
            }
        }
        if (!simulated.get() && anthropicKey.get().isBlank() && ollamaUrl.get().isBlank()) {
            return "Enter an Anthropic key or an Ollama URL, or choose Simulated mode.";
        }
        long daily = Format.parseUsd(dailyBudget.get());
        long monthly = Format.parseUsd(monthlyBudget.get());
        if (daily < 0) {
            return "Enter the daily budget in dollars, e.g. 5.";
        }
        if (monthly < 0) {
            return "Enter the monthly budget in dollars, e.g. 50.";
        }
        if (daily > 0 && monthly > 0 && monthly < daily) {
            return "The monthly budget cannot be smaller than the daily budget.";
        }
        return "";
    }

    // Commands

    public void testAnthropic() {
        anthropicCheck.set("Testing…");
        String key = anthropicKey.get();
        tasks.create(() -> tester.testAnthropic(key))
                .onSuccess(c -> show(c, anthropicCheck, anthropicOk))
                .onError(m -> show(new ConnectionCheck(false, m), anthropicCheck, anthropicOk))
                .start();
    }

    public void testOllama() {
        ollamaCheck.set("Testing…");
        String url = ollamaUrl.get();
        tasks.create(() -> tester.testOllama(url))
                .onSuccess(c -> show(c, ollamaCheck, ollamaOk))
                .onError(m -> show(new ConnectionCheck(false, m), ollamaCheck, ollamaOk))
                .start();
    }

    private static void show(ConnectionCheck c, ReadOnlyStringWrapper text, ReadOnlyBooleanWrapper ok) {
        text.set(c.message());
        ok.set(c.ok());
    }

    /** Chooses Simulated mode and finishes with default budgets: the one-click path. */
    public void useSimulated() {
        simulated.set(true);
    }

    public void finish() {
        if (!validation.get().isEmpty() || busy.get()) {
            error.set(validation.get());
            return;
        }
        error.set("");
        busy.set(true);
        FirstRunRequest request = new FirstRunRequest(multiUser.get(), adminEmail.get().strip(), adminPassword.get(),
                anthropicKey.get().strip(), ollamaUrl.get().strip(), simulated.get(),
                Format.parseUsd(dailyBudget.get()), Format.parseUsd(monthlyBudget.get()));
        tasks.create(() -> firstRun.complete(request))
                .onSuccess(onDone)
                .onError(error::set)
                .onFinally(() -> busy.set(false))
                .start();
    }
}
