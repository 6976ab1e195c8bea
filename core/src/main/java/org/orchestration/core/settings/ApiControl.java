package org.orchestration.core.settings;

import java.util.Optional;

/**
 * The loopback API's live on/off switch as {@link AppSettingsService} uses it. {@code core.api.ApiSwitch}
 * implements it; the interface lets settings use the switch while nothing outside the API package
 * depends on the API (ArchUnit: {@code ApiArchitectureTest}).
 */
public interface ApiControl {

    /** @throws org.orchestration.core.errors.ValidationException "apiPort" unless the port may be used (1024-65535) */
    void checkPort(int port);

    /**
     * Turns the API on at {@code port} or off now and stores the choice only when that worked.
     *
     * @throws org.orchestration.core.errors.ValidationException "apiPort" when the API cannot start on the port
     */
    void apply(boolean enabled, int port);

    /** The port the API listens on, when it runs. */
    Optional<Integer> runningPort();

    /** The port to show: the running one, else the stored one, else {@code fallback}. */
    int shownPort(int fallback);
}
