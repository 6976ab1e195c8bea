package org.orchestration.core.llm;

import java.util.List;

/**
 * Every token estimate the engine uses <em>before</em> a call, to reserve budget and forecast a
 * plan's cost. Change them here, nowhere else. There are two kinds:
 *
 * <ul>
 *   <li><b>Typical</b> ({@link #estimateTokens}, the constants): about 4 characters a token, for
 *       forecasts and for trimming context.</li>
 *   <li><b>Upper bounds</b> ({@link #upperBoundTokens} and the {@code *UpperBound} methods): what a
 *       call's reservation is made of, so that no reply can cost more than was reserved. The rule:
 *       every maximal run of ASCII characters counts one token per {@value #ASCII_CHARS_PER_TOKEN_BOUND}
 *       characters, rounded up (real tokenizers average about 4 on prose and code; 3 covers JSON,
 *       digits and identifiers); every other code point counts one token per UTF-8 byte (2 for
 *       Cyrillic or Greek, 3 for CJK, 4 for emoji), which is the most a byte-level BPE tokenizer
 *       can produce, since each byte is in its base vocabulary. Each message adds
 *       {@value #MESSAGE_OVERHEAD_TOKENS} tokens of framing, each tool definition (name,
 *       description and the JSON of its input schema) {@value #TOOL_OVERHEAD_TOKENS}, and a request
 *       with tools the provider's hidden tool-use system prompt ({@value #TOOL_USE_SYSTEM_TOKENS}).</li>
 * </ul>
 */
public final class TokenEstimates {

    /** Rough size of a token in English prose and code: ~4 characters (Anthropic's rule of thumb). */
    public static final int CHARS_PER_TOKEN = 4;

    /** Typical task input besides its description: system prompt, tool specs, dependency outputs (forecasts). */
    public static final long TASK_INPUT_TOKENS = 2_000;

    /** Typical task output when a plan gives no estimate. */
    public static final long TASK_OUTPUT_TOKENS = 4_096;

    /** Upper bound rule: ASCII characters per token (see the class comment). */
    public static final int ASCII_CHARS_PER_TOKEN_BOUND = 3;

    /** Upper bound rule: framing per message (role, separators). */
    public static final long MESSAGE_OVERHEAD_TOKENS = 8;

    /** Upper bound rule: framing per tool definition. */
    public static final long TOOL_OVERHEAD_TOKENS = 16;

    /**
     * Upper bound rule: the system prompt a provider adds when tools are offered (Anthropic
     * documents 346 tokens or fewer; kept above that).
     */
    public static final long TOOL_USE_SYSTEM_TOKENS = 500;

    /** Upper bound rule: framing of the request itself (system prompt markers, turn start). */
    public static final long REQUEST_OVERHEAD_TOKENS = 16;

    private TokenEstimates() {
    }

    /**
     * At least as many tokens as any realistic tokenizer makes of {@code text} (the rule in the
     * class comment); 0 for null or empty text. One pass over the characters, no allocation.
     */
    public static long upperBoundTokens(CharSequence text) {
        if (text == null) {
            return 0;
        }
        long tokens = 0;
        int asciiRun = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                asciiRun++;
                continue;
            }
            tokens += (asciiRun + ASCII_CHARS_PER_TOKEN_BOUND - 1) / ASCII_CHARS_PER_TOKEN_BOUND;
            asciiRun = 0;
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                tokens += 4; // a supplementary code point (emoji) is 4 UTF-8 bytes
                i++;
            } else {
                tokens += c < 0x800 ? 2 : 3; // a lone surrogate is sent as U+FFFD, 3 bytes
            }
        }
        return tokens + (asciiRun + ASCII_CHARS_PER_TOKEN_BOUND - 1) / ASCII_CHARS_PER_TOKEN_BOUND;
    }

    /** Upper bound of one message: its framing and every block's text, tool call name and input JSON. */
    public static long messageUpperBound(ChatMessage message) {
        long tokens = MESSAGE_OVERHEAD_TOKENS;
        for (ContentBlock b : message.content()) {
            if (b instanceof ContentBlock.Text t) {
                tokens += upperBoundTokens(t.text());
            } else if (b instanceof ContentBlock.ToolUse u) {
                tokens += upperBoundTokens(u.id()) + upperBoundTokens(u.name()) + upperBoundTokens(String.valueOf(u.input()));
            } else if (b instanceof ContentBlock.ToolResult r) {
                tokens += upperBoundTokens(r.toolUseId()) + upperBoundTokens(r.content());
            }
        }
        return tokens;
    }

    /**
     * Upper bound of the tool definitions of a request, the provider's tool-use system prompt
     * included (0 without tools). Serialises each schema once: compute it once per tool set.
     */
    public static long toolsUpperBound(List<ToolSpec> tools) {
        if (tools.isEmpty()) {
            return 0;
        }
        long tokens = TOOL_USE_SYSTEM_TOKENS;
        for (ToolSpec t : tools) {
            tokens += TOOL_OVERHEAD_TOKENS + upperBoundTokens(t.name()) + upperBoundTokens(t.description())
                    + upperBoundTokens(String.valueOf(t.inputSchema()));
        }
        return tokens;
    }

    /** Upper bound of a whole request's input: system prompt, messages, tools and framing. */
    public static long inputUpperBound(ChatRequest request) {
        long tokens = REQUEST_OVERHEAD_TOKENS + upperBoundTokens(request.system()) + toolsUpperBound(request.tools());
        for (ChatMessage m : request.messages()) {
            tokens += messageUpperBound(m);
        }
        return tokens;
    }

    /** Tokens in {@code text} by the 4-characters rule, rounded up; 0 for null or empty text. */
    public static long estimateTokens(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        return (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }
}
