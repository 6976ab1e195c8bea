package org.orchestration.core.llm;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.llm.AnthropicProvider;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.llm.ChatProvider;
import org.orchestration.core.llm.ChatRequest;
import org.orchestration.core.llm.ChatResponse;

/**
 * The "anthropic" provider the engine runs with. A key from the configuration (config.json or
 * {@code ANTHROPIC_API_KEY}) wins; without one, the key stored in Settings or at first run
 * ({@value #KEY_SETTING}) is used, read at each call, so a key entered while the engine runs
 * works at once. The real work is {@link AnthropicProvider}'s, rebuilt only when the key changes.
 */
public final class StoredKeyAnthropicProvider implements ChatProvider, AutoCloseable {

    /** Settings key of the Anthropic API key entered in the app. */
    public static final String KEY_SETTING = "anthropic.api_key";

    private final AppConfig.Anthropic config;
    private final SettingsStore settings;
    private final Function<AppConfig.Anthropic, AnthropicProvider> factory;
    private String currentKey;
    private AnthropicProvider current;

    /** @param factory builds the real provider for a configuration (the composition root passes the shared HTTP client) */
    public StoredKeyAnthropicProvider(AppConfig.Anthropic config, SettingsStore settings,
                                      Function<AppConfig.Anthropic, AnthropicProvider> factory) {
        this.config = config;
        this.settings = settings;
        this.factory = factory;
    }

    /** The key in force: the configured one, else the stored one. */
    public Optional<String> apiKey() {
        if (config.apiKey().isPresent()) {
            return config.apiKey();
        }
        return storedKey(settings);
    }

    static Optional<String> storedKey(SettingsStore settings) {
        return settings.get(KEY_SETTING, String.class).map(String::strip).filter(k -> !k.isEmpty());
    }

    @Override
    public String id() {
        return AnthropicProvider.ID;
    }

    @Override
    public String displayName() {
        return AnthropicProvider.DISPLAY_NAME;
    }

    @Override
    public ChatResponse chat(ChatRequest request, CancellationToken cancel) {
        return provider().chat(request, cancel);
    }

    private synchronized AnthropicProvider provider() {
        String key = apiKey().orElse(null);
        if (current == null || !Objects.equals(key, currentKey)) {
            // The previous client is not closed: calls in flight on it finish; it shares the engine's HTTP client.
            current = factory.apply(new AppConfig.Anthropic(Optional.ofNullable(key), config.baseUrl(), config.timeout()));
            currentKey = key;
        }
        return current;
    }

    @Override
    public synchronized void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
