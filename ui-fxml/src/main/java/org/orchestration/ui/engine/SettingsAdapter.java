package org.orchestration.ui.engine;

import java.nio.file.Path;
import java.util.List;
import org.orchestration.core.auth.ApiKeyInfo;
import org.orchestration.core.auth.ApiKeyService;
import org.orchestration.core.auth.User;
import org.orchestration.core.settings.AppSettings;
import org.orchestration.core.settings.AppSettingsService;
import org.orchestration.core.settings.FirstRunRequest;
import org.orchestration.core.settings.FirstRunSetup;
import org.orchestration.core.settings.SettingsService;
import org.orchestration.core.settings.SetupState;
import org.orchestration.core.settings.UiPrefs;
import org.orchestration.core.settings.UiPrefsStore;
import org.orchestration.ui.port.SettingsPort;

/** {@link SettingsPort} on core's settings services; each method forwards to the service that owns the rule. */
public final class SettingsAdapter implements SettingsPort {

    /** Where the first-run flag is stored; the key is {@link FirstRunSetup}'s. */
    public static final String FIRST_RUN_DONE = FirstRunSetup.DONE_KEY;
    static final String MAX_AUTO_RETRIES = SettingsService.MAX_AUTO_RETRIES_KEY;

    private final FirstRunSetup firstRun;
    private final AppSettingsService settings;
    private final ApiKeyService apiKeys;
    private final UiPrefsStore uiPrefs;

    SettingsAdapter(FirstRunSetup firstRun, AppSettingsService settings, ApiKeyService apiKeys, UiPrefsStore uiPrefs) {
        this.firstRun = firstRun;
        this.settings = settings;
        this.apiKeys = apiKeys;
        this.uiPrefs = uiPrefs;
    }

    @Override
    public SetupState setupState() {
        return firstRun.state();
    }

    @Override
    public User completeFirstRun(FirstRunRequest request) {
        return firstRun.complete(request);
    }

    @Override
    public AppSettings load(User actor) {
        return settings.load(actor);
    }

    @Override
    public void save(User actor, AppSettings a) {
        settings.save(actor, a);
    }

    @Override
    public List<Path> knowledgeRoots(User actor) {
        return settings.knowledgeRoots(actor);
    }

    @Override
    public List<Path> saveKnowledgeRoots(User actor, List<Path> roots) {
        return settings.saveKnowledgeRoots(actor, roots);
    }

    @Override
    public void setAnthropicKey(User actor, String apiKey) {
        settings.setAnthropicKey(actor, apiKey);
    }

    @Override
    public List<ApiKeyInfo> apiKeys(User actor) {
        return apiKeys.listActive(actor);
    }

    @Override
    public String createApiKey(User actor, String name) {
        return apiKeys.create(actor, name).plaintext();
    }

    @Override
    public void revokeApiKey(User actor, String keyId) {
        apiKeys.revoke(actor, keyId);
    }

    @Override
    public UiPrefs uiPrefs() {
        return uiPrefs.load();
    }

    @Override
    public void saveUiPrefs(UiPrefs p) {
        uiPrefs.save(p);
    }
}
