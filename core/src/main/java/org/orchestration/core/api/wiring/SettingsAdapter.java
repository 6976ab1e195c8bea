package org.orchestration.core.api.wiring;

import org.orchestration.core.api.backend.SettingsApi;
import org.orchestration.core.api.backend.SettingsUpdate;
import org.orchestration.core.auth.User;
import org.orchestration.core.settings.SettingsPatch;
import org.orchestration.core.settings.SettingsService;

/** {@link SettingsApi} over {@link SettingsService} (which checks admin and validates every field). */
final class SettingsAdapter implements SettingsApi {

    private final SettingsService settings;

    SettingsAdapter(SettingsService settings) {
        this.settings = settings;
    }

    @Override
    public Object getSettings(User actor) {
        return settings.get(actor);
    }

    @Override
    public Object updateSettings(User actor, SettingsUpdate request) {
        return settings.update(actor, new SettingsPatch(request.concurrency(), request.maxTaskRetries(),
                request.maxAutoRetries(), request.modelRouting(), request.prices(), request.knowledgeAllowedRoots()));
    }
}
