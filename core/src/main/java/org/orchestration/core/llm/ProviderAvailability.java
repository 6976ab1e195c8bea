package org.orchestration.core.llm;

import java.util.Optional;

/**
 * Whether a provider can be reached right now. The executor asks before a task's first call:
 * a provider that is down makes its tasks wait with the reason instead of failing them one by
 * one. {@code ResourceMonitor} answers from its latest health checks.
 */
@FunctionalInterface
public interface ProviderAvailability {

    /** Empty when the provider is (or may be) up; otherwise a sentence saying why it is not. */
    Optional<String> unavailableReason(String providerId);

    /** Every provider is assumed reachable (tests, or no monitor). */
    ProviderAvailability ALWAYS = id -> Optional.empty();
}
