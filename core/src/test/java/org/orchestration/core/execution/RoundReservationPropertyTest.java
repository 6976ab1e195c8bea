package org.orchestration.core.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.json.Json;
import org.orchestration.core.llm.ChatMessage;
import org.orchestration.core.llm.ChatRequest;
import org.orchestration.core.llm.ContentBlock;
import org.orchestration.core.llm.Pricing;
import org.orchestration.core.llm.TokenEstimates;
import org.orchestration.core.llm.TokenUsage;
import org.orchestration.core.llm.ToolSpec;
import org.orchestration.core.testing.TestDb;

/**
 * For random prompts (ASCII, CJK, Cyrillic, emoji mixed), random tool sets, random tool rounds
 * and random replies, a round's actual cost never exceeds what {@link RoundReservation} (the
 * class the tool loop reserves with) reserved, priced by the real {@link Pricing} on every
 * shipped model.
 *
 * <p><b>The model of actual input tokens</b> is chosen to be at least as pessimistic as real
 * tokenizers: every maximal ASCII run costs one token per 3 characters, rounded up (BPE
 * tokenizers average about 4 on prose and code, and split digit runs into groups of 3); every
 * other code point costs one token per UTF-8 byte (counted with the JDK's encoder), the most a
 * byte-level BPE tokenizer can make of it; plus framing: 4 tokens a message, 10 a tool
 * definition, 8 a request and, when tools are offered, the 346-token tool-use system prompt
 * Anthropic documents. The actual input is then split at random between plain input, cache
 * writes and cache reads (a prompt-caching provider), and the output is anything up to
 * {@code max_tokens}.
 */
class RoundReservationPropertyTest {

    private static final List<String> MODELS = List.copyOf(Pricing.loadDefaults().keySet());

    private static Path dir;
    private static Database db;
    private static Pricing pricing;

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("round-reservation-props");
        db = TestDb.open(dir);
        pricing = new Pricing(new SettingsStore(db, Clock.systemUTC()), List::of);
    }

    @AfterContainer
    static void close() throws IOException {
        db.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Property(tries = 300)
    void aToolLoopRoundNeverCostsMoreThanItReserved(@ForAll("texts") String prompt, @ForAll("toolSets") List<ToolSpec> tools,
                                                    @ForAll("rounds") List<List<String>> rounds, @ForAll("models") String model,
                                                    @ForAll @IntRange(min = 1, max = 32_000) int maxTokens,
                                                    @ForAll @IntRange(min = 0, max = 100) int cachedPercent,
                                                    @ForAll @IntRange(min = 0, max = 100) int outputPercent) {
        RoundReservation bound = new RoundReservation(pricing, model, PromptBuilder.SYSTEM, tools, maxTokens);
        List<ChatMessage> messages = new ArrayList<>();
        add(messages, bound, ChatMessage.user(prompt));
        for (List<String> round : rounds) {
            // what the loop appends after a tool round: the assistant's turn with its call, then the tool's result
            ObjectNode input = Json.mapper().createObjectNode().put("query", round.get(0));
            add(messages, bound, ChatMessage.assistant(List.of(new ContentBlock.Text(round.get(1)),
                    new ContentBlock.ToolUse("toolu_" + messages.size(), "search", input))));
            add(messages, bound, new ChatMessage(ChatMessage.Role.USER,
                    List.of(new ContentBlock.ToolResult("toolu_" + (messages.size() - 1), "search", round.get(2), false))));
        }
        long reserved = bound.micros().orElseThrow();

        long input = actualInputTokens(new ChatRequest(model, PromptBuilder.SYSTEM, messages, tools, maxTokens));
        long actual = pricing.costMicros(model, reply(input, maxTokens, cachedPercent, outputPercent)).orElseThrow();

        assertThat(actual).as("actual cost vs reservation for %d input tokens", input).isLessThanOrEqualTo(reserved);
    }

    @Property(tries = 200)
    void aWholeRequestNeverCostsMoreThanItsReservation(@ForAll("texts") String system, @ForAll("texts") String user,
                                                       @ForAll("toolSets") List<ToolSpec> tools, @ForAll("models") String model,
                                                       @ForAll @IntRange(min = 1, max = 32_000) int maxTokens,
                                                       @ForAll @IntRange(min = 0, max = 100) int cachedPercent) {
        // the planner's path: the request it will send is bounded as a whole
        ChatRequest request = new ChatRequest(model, system, List.of(ChatMessage.user(user)), tools, maxTokens);
        long reserved = pricing.reservationMicros(model, TokenEstimates.inputUpperBound(request), maxTokens).orElseThrow();

        long actual = pricing.costMicros(model, reply(actualInputTokens(request), maxTokens, cachedPercent, 100)).orElseThrow();

        assertThat(actual).isLessThanOrEqualTo(reserved);
    }

    private static void add(List<ChatMessage> messages, RoundReservation bound, ChatMessage m) {
        messages.add(m);
        bound.add(m);
    }

    /** The reply's usage: {@code input} split between plain, cache-write and cache-read tokens. */
    private static TokenUsage reply(long input, int maxTokens, int cachedPercent, int outputPercent) {
        long cached = input * cachedPercent / 100;
        long written = cached / 2;
        long read = cached - written;
        return new TokenUsage(input - cached, (long) maxTokens * outputPercent / 100, read, written);
    }

    // ------------------------------------------------------------------ the pessimistic tokenizer model

    private static long actualInputTokens(ChatRequest r) {
        long tokens = 8 + tokens(r.system());
        if (!r.tools().isEmpty()) {
            tokens += 346;
        }
        for (ToolSpec t : r.tools()) {
            tokens += 10 + tokens(t.name()) + tokens(t.description()) + tokens(t.inputSchema().toString());
        }
        for (ChatMessage m : r.messages()) {
            tokens += 4;
            for (ContentBlock b : m.content()) {
                if (b instanceof ContentBlock.Text t) {
                    tokens += tokens(t.text());
                } else if (b instanceof ContentBlock.ToolUse u) {
                    tokens += tokens(u.id()) + tokens(u.name()) + tokens(u.input().toString());
                } else if (b instanceof ContentBlock.ToolResult res) {
                    tokens += tokens(res.toolUseId()) + tokens(res.content());
                }
            }
        }
        return tokens;
    }

    private static long tokens(String text) {
        long tokens = 0;
        int ascii = 0;
        for (int cp : text.codePoints().toArray()) {
            if (cp < 0x80) {
                ascii++;
            } else {
                tokens += (ascii + 2) / 3 + Character.toString(cp).getBytes(StandardCharsets.UTF_8).length;
                ascii = 0;
            }
        }
        return tokens + (ascii + 2) / 3;
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> ascii = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(400);
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMaxLength(200);
        Arbitrary<String> cjk = Arbitraries.strings().withCharRange('\u4e00', '\u9fff').ofMaxLength(200);
        Arbitrary<String> cyrillic = Arbitraries.strings().withCharRange('\u0400', '\u04ff').ofMaxLength(200);
        Arbitrary<String> emoji = Arbitraries.integers().between(0x1F300, 0x1FAFF).map(Character::toString).list().ofMaxSize(60)
                .map(l -> String.join("", l));
        return Arbitraries.oneOf(ascii, digits, cjk, cyrillic, emoji).list().ofMaxSize(6).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<List<ToolSpec>> toolSets() {
        Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(20);
        Arbitrary<ToolSpec> tool = Combinators.combine(name, texts(), name.list().ofMaxSize(8), texts())
                .as((n, description, props, propDescription) -> new ToolSpec(n, description, schema(props, propDescription)));
        return tool.list().ofMaxSize(5);
    }

    @Provide
    Arbitrary<List<List<String>>> rounds() {
        return texts().list().ofSize(3).list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<String> models() {
        return Arbitraries.of(MODELS);
    }

    private static JsonNode schema(List<String> props, String description) {
        ObjectNode schema = Json.mapper().createObjectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        for (String p : props) {
            properties.putObject(p).put("type", "string").put("description", description);
        }
        schema.putArray("required").addAll(props.stream().map(p -> Json.mapper().getNodeFactory().textNode(p)).toList());
        return schema;
    }
}
