package org.orchestration.app;

/**
 * Seam for {@code --create-api-key NAME}: creates a key for the local admin and returns the
 * secret, which the launcher prints once. Backed by {@code ApiKeyService} (see
 * {@link CompositionRoot#apiKeyIssuer()}).
 */
@FunctionalInterface
public interface ApiKeyIssuer {

    /** @return the new key's secret (shown once, never stored in clear) */
    String create(String name);
}
