package org.orchestration.core.llm;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The chat providers by {@link ChatProvider#id()}; built once in the composition root. */
public final class ProviderRegistry {

    private final Map<String, ChatProvider> providers;

    public ProviderRegistry(Collection<? extends ChatProvider> providers) {
        Map<String, ChatProvider> map = new LinkedHashMap<>();
        for (ChatProvider p : providers) {
            if (map.putIfAbsent(p.id(), p) != null) {
                throw new IllegalArgumentException("Two chat providers share the id '" + p.id() + "'");
            }
        }
        this.providers = Map.copyOf(map);
    }

    /**
     * The provider with this id.
     *
     * @throws IllegalArgumentException naming the unknown id and the known ones (a routing
     *                                  setting that names a provider that does not exist)
     */
    public ChatProvider get(String id) {
        ChatProvider p = providers.get(id);
        if (p == null) {
            throw new IllegalArgumentException("Unknown model provider '" + id + "'; known providers: "
                    + String.join(", ", ids()));
        }
        return p;
    }

    /** The provider for {@code route}; see {@link #get(String)}. */
    public ChatProvider forRoute(ModelRoute route) {
        return get(route.provider());
    }

    public Optional<ChatProvider> find(String id) {
        return Optional.ofNullable(providers.get(id));
    }

    public List<String> ids() {
        return providers.keySet().stream().sorted().toList();
    }

    /** Name to show next to a model: "Simulated" for the simulated provider, else the provider's name. */
    public String displayName(String id) {
        return find(id).map(ChatProvider::displayName).orElse(id);
    }
}
