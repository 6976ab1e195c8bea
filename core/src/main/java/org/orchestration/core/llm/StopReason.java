package org.orchestration.core.llm;

/** Why the model stopped (Anthropic's stop_reason; Ollama's done_reason mapped onto it). */
public enum StopReason {
    END_TURN, MAX_TOKENS, STOP_SEQUENCE, TOOL_USE, PAUSE_TURN, REFUSAL, CONTEXT_WINDOW_EXCEEDED, OTHER
}
