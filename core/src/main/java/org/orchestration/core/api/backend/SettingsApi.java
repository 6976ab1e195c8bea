package org.orchestration.core.api.backend;

import org.orchestration.core.auth.User;

/** Runtime settings (concurrency, retries, model routing, prices) in the settings table. */
public interface SettingsApi {

    Object getSettings(User actor);

    /** Admin only (the service checks); only the fields present in {@code request} change. */
    Object updateSettings(User actor, SettingsUpdate request);
}
