package org.orchestration.ui.port;

import java.nio.file.Path;
import java.util.List;
import org.orchestration.core.auth.ApiKeyInfo;
import org.orchestration.core.auth.User;
import org.orchestration.core.settings.AppSettings;
import org.orchestration.core.settings.FirstRunRequest;
import org.orchestration.core.settings.SetupState;
import org.orchestration.core.settings.UiPrefs;

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

    /** The folders (besides each user's own knowledge folder) inside which every user may create knowledge bases. */
    List<Path> knowledgeRoots(User actor);

    /**
     * Replaces the allowed knowledge roots at once (admin only) and returns them as stored.
     *
     * @throws org.orchestration.core.errors.ForbiddenException for non-admins
     * @throws org.orchestration.core.errors.ValidationException ({@code knowledge_allowed_roots}) for a folder
     *         that does not exist or is, contains or lies inside the data or config folder
     */
    List<Path> saveKnowledgeRoots(User actor, List<Path> roots);

    /** Replaces the stored Anthropic key (blank removes it). */
    void setAnthropicKey(User actor, String apiKey);

    List<ApiKeyInfo> apiKeys(User actor);

    /** Creates a personal API key; returns the secret, shown once. */
    String createApiKey(User actor, String name);

    void revokeApiKey(User actor, String keyId);

    UiPrefs uiPrefs();

    void saveUiPrefs(UiPrefs prefs);
}
