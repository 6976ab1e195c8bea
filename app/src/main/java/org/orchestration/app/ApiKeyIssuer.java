package org.orchestration.app;

import org.orchestration.core.errors.StartupException;

/**
 * Seam for {@code --create-api-key NAME}: creates a key for the local admin and returns the
 * secret, which the launcher prints once. Wired to the accounts engineer's {@code ApiKeyService}
 * at merge (see {@link CompositionRoot#apiKeyIssuer()}).
 */
@FunctionalInterface
public interface ApiKeyIssuer {

    /** @return the new key's secret (shown once, never stored in clear) */
    String create(String name);

    ApiKeyIssuer UNAVAILABLE = name -> {
        throw new StartupException(StartupException.OTHER,
                "Creating API keys is not available in this build yet (the accounts service is not wired in).");
    };
}
