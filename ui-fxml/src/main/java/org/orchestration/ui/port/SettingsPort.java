package org.orchestration.ui.port;

import java.util.List;
import org.orchestration.core.auth.User;

/** First run, runtime settings, personal API keys and per-installation UI preferences. */
public interface SettingsPort {

    SetupState setupState();

    /**
     * Stores the first-run choices. Returns the acting user: in single-user mode the local
     * owner account, in multi-user mode the new admin.
     */
    User completeFirstRun(FirstRunRequest request);

    AppSettings load(User actor);

    /**
     * Saves everything but the Anthropic key (admin only). The routing rules and prices given
     * replace the stored ones (a rule or price left out is removed).
     *
     * @throws org.orchestration.core.errors.ForbiddenException for non-admins
     * @throws org.orchestration.core.errors.ValidationException naming the field (e.g. a negative price, an empty model)
     */
    void save(User actor, AppSettings settings);

    /** Replaces the stored Anthropic key (blank removes it). */
    void setAnthropicKey(User actor, String apiKey);

    List<ApiKeyView> apiKeys(User actor);

    /** Creates a personal API key; returns the secret, shown once. */
    String createApiKey(User actor, String name);

    void revokeApiKey(User actor, String keyId);

    UiPrefs uiPrefs();

    void saveUiPrefs(UiPrefs prefs);
}
