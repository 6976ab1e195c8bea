package org.orchestration.core.llm;

/**
 * One chat turn with tools against a model provider (Anthropic, Ollama, Simulated). Messages in;
 * assistant content (text and tool calls), token usage and stop reason out.
 *
 * <p>Implementations are thread-safe and share the engine's one HTTP client. A failure is always
 * a {@link ProviderException} classified as transient or permanent; nothing else escapes.
 */
public interface ChatProvider {

    /** Stable id used in routing and usage rows: "anthropic", "ollama", "simulated". */
    String id();

    /** Name shown to people, e.g. "Anthropic", "Ollama", "Simulated". */
    String displayName();

    /** True for the Simulated provider; the UI labels its output and costs as simulated. */
    default boolean isSimulated() {
        return false;
    }

    /**
     * Sends one request and waits for the reply.
     *
     * @param cancel cancelling it aborts the in-flight HTTP call; the method then throws a
     *               {@link ProviderException} of kind {@link ProviderException.Kind#CANCELLED}
     */
    ChatResponse chat(ChatRequest request, CancellationToken cancel);
}
