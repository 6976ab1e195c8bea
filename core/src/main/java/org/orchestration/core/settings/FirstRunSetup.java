package org.orchestration.core.settings;

import org.orchestration.core.auth.AuthModeSwitch;
import org.orchestration.core.auth.AuthService;
import org.orchestration.core.auth.User;
import org.orchestration.core.auth.UserAdminService;
import org.orchestration.core.budget.BudgetManager;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.errors.ConflictException;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.llm.ModelRouter;
import org.orchestration.core.llm.StoredKeyAnthropicProvider;

/**
 * The first-run choices: the account that administers the app, how models are reached (Simulated,
 * an Anthropic key, an Ollama address) and the global budgets. Done once ({@value #DONE_KEY}); no
 * user is signed in yet, so the refusal after that is the authorization.
 */
public final class FirstRunSetup {

    public static final String DONE_KEY = "ui.first_run_done";

    private final AppConfig.AuthMode authMode;
    private final User owner;
    private final SettingsStore settings;
    private final AuthService auth;
    private final UserAdminService userAdmin;
    private final AuthModeSwitch modeSwitch;
    private final BudgetManager budget;

    /** @param owner the local owner in single-user mode, null in multi-user mode */
    public FirstRunSetup(AppConfig.AuthMode authMode, User owner, SettingsStore settings, AuthService auth,
                         UserAdminService userAdmin, AuthModeSwitch modeSwitch, BudgetManager budget) {
        this.authMode = authMode;
        this.owner = owner;
        this.settings = settings;
        this.auth = auth;
        this.userAdmin = userAdmin;
        this.modeSwitch = modeSwitch;
        this.budget = budget;
    }

    /** Whether first run is done and whether the app runs in multi-user mode. */
    public SetupState state() {
        return new SetupState(isDone(), authMode == AppConfig.AuthMode.MULTI);
    }

    /**
     * Stores the first-run choices and returns the acting user. Single-user start: the local owner
     * acts; choosing multi-user gives the owner the admin email and password and asks for multi-user
     * mode at the next start. Multi-user start: the admin account is registered (the first account
     * is the admin); choosing single-user asks for single-user mode at the next start.
     *
     * @throws ConflictException   when first run is already done (it would reset the owner's sign-in)
     * @throws ValidationException naming {@code provider} when neither Simulated, a key nor an Ollama URL is given,
     *                             "dailyBudgetMicros" / "monthlyBudgetMicros" for a budget of $0 or less,
     *                             or the field the account services name (email, password)
     */
    public User complete(FirstRunRequest r) {
        if (isDone()) {
            throw new ConflictException("First-run setup is already done; change settings in Settings.");
        }
        String key = blankToEmpty(r.anthropicKey());
        String ollama = blankToEmpty(r.ollamaUrl());
        if (!r.simulated() && key.isEmpty() && ollama.isEmpty()) {
            throw new ValidationException("provider", "Choose Simulated mode or give an Anthropic key or an Ollama URL.");
        }
        double daily = AppSettingsService.usd(r.dailyBudgetMicros(), "dailyBudgetMicros");
        double monthly = AppSettingsService.usd(r.monthlyBudgetMicros(), "monthlyBudgetMicros");
        User actor;
        if (owner != null) {
            actor = owner;
            if (r.multiUser()) {
                userAdmin.changeEmail(actor, actor.id(), r.adminEmail());
                userAdmin.resetPassword(actor, actor.id(), r.adminPassword());
                modeSwitch.requestMode(actor, AppConfig.AuthMode.MULTI);
                actor = userAdmin.listUsers(actor).stream().map(a -> a.user()).filter(u -> u.id().equals(owner.id()))
                        .findFirst().orElse(actor);
            }
        } else {
            actor = auth.register(r.adminEmail(), r.adminPassword(), r.adminEmail());
            if (!r.multiUser()) {
                modeSwitch.requestMode(actor, AppConfig.AuthMode.SINGLE);
            }
        }
        budget.setLimits(actor, daily, monthly);
        if (!key.isEmpty()) {
            settings.put(StoredKeyAnthropicProvider.KEY_SETTING, key);
        }
        if (!ollama.isEmpty()) {
            settings.put(OllamaHostSetting.KEY, ollama);
        }
        settings.put(ModelRouter.MODE_KEY, r.simulated() ? "simulated" : !key.isEmpty() ? "live" : "local");
        settings.put(DONE_KEY, true);
        return actor;
    }

    private boolean isDone() {
        return settings.get(DONE_KEY, Boolean.class, false);
    }

    private static String blankToEmpty(String s) {
        return s == null ? "" : s.strip();
    }
}
