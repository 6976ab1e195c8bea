package org.orchestration.core.llm;

/**
 * Every token estimate the engine uses <em>before</em> a call, to reserve budget and forecast a
 * plan's cost. Actual usage from the provider replaces the estimate once the call returns, so an
 * estimate only needs to be a sound upper-ish bound, not exact. Change them here, nowhere else.
 */
public final class TokenEstimates {

    /** Rough size of a token in English prose and code: ~4 characters (Anthropic's rule of thumb). */
    public static final int CHARS_PER_TOKEN = 4;

    /** Planning input: the planning system prompt (~2,000 tokens) plus typical requirements (~1,000). */
    public static final long PLANNING_INPUT_TOKENS = 3_000;

    /** Planning output: equals the planning call's max_tokens, so the reservation covers the worst case. */
    public static final long PLANNING_OUTPUT_TOKENS = 4_096;

    /** max_tokens sent with a planning call (kept equal to {@link #PLANNING_OUTPUT_TOKENS}). */
    public static final int PLANNING_MAX_TOKENS = (int) PLANNING_OUTPUT_TOKENS;

    /** Task input: system prompt, task description, dependency outputs and tool specs. */
    public static final long TASK_INPUT_TOKENS = 2_000;

    /** Task output: the max_tokens of a task call; the reservation covers a full-length answer. */
    public static final long TASK_OUTPUT_TOKENS = 4_096;

    /** max_tokens sent with a task call (kept equal to {@link #TASK_OUTPUT_TOKENS}). */
    public static final int TASK_MAX_TOKENS = (int) TASK_OUTPUT_TOKENS;

    /**
     * Extra input per tool round: the previous assistant turn and the tool result are resent
     * (tool results are capped well below this by the tools).
     */
    public static final long TOOL_ROUND_INPUT_TOKENS = 1_500;

    /** Output per tool round: a tool call or a short continuation is far below a full answer. */
    public static final long TOOL_ROUND_OUTPUT_TOKENS = 1_024;

    private TokenEstimates() {
    }

    /** Tokens in {@code text} by the 4-characters rule, rounded up; 0 for null or empty text. */
    public static long estimateTokens(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        return (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }

    /** Input estimate of a task call after {@code toolRounds} rounds of tool use. */
    public static long taskInputTokens(int toolRounds) {
        return TASK_INPUT_TOKENS + Math.max(0, toolRounds) * TOOL_ROUND_INPUT_TOKENS;
    }
}
