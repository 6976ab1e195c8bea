package org.orchestration.core.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderRegistryTest {

    private final SimulatedProvider simulated = new SimulatedProvider();
    private final ProviderRegistry registry = new ProviderRegistry(List.of(simulated));

    @Test
    void findsProvidersById() {
        assertThat(registry.get("simulated")).isSameAs(simulated);
        assertThat(registry.forRoute(ModelRouter.SIMULATED_ROUTE)).isSameAs(simulated);
        assertThat(registry.displayName("simulated")).isEqualTo("Simulated");
    }

    @Test
    void unknownProviderIsAClearErrorNamingIt() {
        assertThatThrownBy(() -> registry.get("openai"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown model provider 'openai'; known providers: simulated");
    }

    @Test
    void duplicateIdsAreRejected() {
        assertThatThrownBy(() -> new ProviderRegistry(List.of(new SimulatedProvider(), new SimulatedProvider())))
                .hasMessageContaining("simulated");
    }
}
