package org.orchestration.core.llm;

import com.anthropic.backends.AnthropicBackend;
import com.anthropic.client.AnthropicClient;
import com.anthropic.client.AnthropicClientImpl;
import com.anthropic.core.ClientOptions;
import com.anthropic.core.JsonValue;
import com.anthropic.core.Timeout;
import com.anthropic.errors.AnthropicInvalidDataException;
import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageParam;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlockParam;
import com.anthropic.models.messages.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.http.HttpClients;

/**
 * Claude through the official Anthropic Java SDK, on the engine's shared OkHttp client (see
 * {@link AnthropicTransport}). The SDK's own retries are off: the executor owns retries, and
 * every failure is classified by {@link ProviderErrors}.
 */
public final class AnthropicProvider implements ChatProvider, AutoCloseable {

    public static final String ID = "anthropic";
    public static final String DISPLAY_NAME = "Anthropic";

    private final String baseUrl;
    private final AnthropicTransport transport;
    private final AnthropicClient client;

    /**
     * @param config API key (may be absent: every call then fails permanently with a clear
     *               message), base URL and per-call timeout
     */
    public AnthropicProvider(HttpClients http, AppConfig.Anthropic config) {
        this.baseUrl = config.baseUrl();
        if (config.apiKey().isEmpty()) {
            this.transport = null;
            this.client = null;
            return;
        }
        AnthropicBackend backend = AnthropicBackend.builder().apiKey(config.apiKey().get()).baseUrl(config.baseUrl()).build();
        this.transport = new AnthropicTransport(http, backend, config.timeout());
        this.client = new AnthropicClientImpl(ClientOptions.builder()
                .httpClient(transport)
                .baseUrl(config.baseUrl())
                .maxRetries(0) // the engine owns retries
                .timeout(Timeout.builder().request(config.timeout()).read(config.timeout()).write(config.timeout())
                        .connect(HttpClients.DEFAULT_CONNECT_TIMEOUT).build())
                .build());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return DISPLAY_NAME;
    }

    /** True when an API key is configured. */
    public boolean isConfigured() {
        return client != null;
    }

    @Override
    public ChatResponse chat(ChatRequest request, CancellationToken cancel) {
        if (client == null) {
            throw new ProviderException(ID, ProviderException.Kind.PERMANENT,
                    "No Anthropic API key is set (anthropic.api_key in config.json or ANTHROPIC_API_KEY)");
        }
        if (cancel.isCancelled()) {
            throw ProviderErrors.cancelled(ID, DISPLAY_NAME);
        }
        MessageCreateParams params = toParams(request);
        try {
            Message message = transport.withCancellation(cancel, () -> client.messages().create(params));
            return toResponse(message);
        } catch (AnthropicServiceException e) {
            throw ProviderErrors.fromStatus(ID, DISPLAY_NAME, e.statusCode(),
                    e.headers().values("retry-after").stream().findFirst().orElse(null), errorMessage(e.body()));
        } catch (AnthropicIoException e) {
            throw ProviderErrors.fromIo(ID, DISPLAY_NAME, baseUrl, e, cancel.isCancelled());
        } catch (AnthropicInvalidDataException e) {
            if (cancel.isCancelled()) {
                throw ProviderErrors.cancelled(ID, DISPLAY_NAME);
            }
            throw ProviderErrors.malformed(ID, DISPLAY_NAME, "not a Messages API reply", e);
        } catch (ProviderException e) {
            throw e;
        } catch (RuntimeException e) {
            if (cancel.isCancelled()) {
                throw ProviderErrors.cancelled(ID, DISPLAY_NAME);
            }
            throw ProviderErrors.malformed(ID, DISPLAY_NAME, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }

    // --- request -------------------------------------------------------------------------

    static MessageCreateParams toParams(ChatRequest request) {
        MessageCreateParams.Builder b = MessageCreateParams.builder()
                .model(request.model())
                .maxTokens(request.maxTokens());
        if (!request.system().isBlank()) {
            b.system(request.system());
        }
        for (ChatMessage m : request.messages()) {
            List<ContentBlockParam> blocks = new ArrayList<>();
            for (ContentBlock block : m.content()) {
                blocks.add(toParam(block));
            }
            b.addMessage(MessageParam.builder()
                    .role(m.role() == ChatMessage.Role.USER ? MessageParam.Role.USER : MessageParam.Role.ASSISTANT)
                    .contentOfBlockParams(blocks)
                    .build());
        }
        for (ToolSpec spec : request.tools()) {
            b.addTool(toTool(spec));
        }
        return b.build();
    }

    private static ContentBlockParam toParam(ContentBlock block) {
        if (block instanceof ContentBlock.Text t) {
            return ContentBlockParam.ofText(TextBlockParam.builder().text(t.text()).build());
        }
        if (block instanceof ContentBlock.ToolUse u) {
            return ContentBlockParam.ofToolUse(ToolUseBlockParam.builder()
                    .id(u.id())
                    .name(u.name())
                    .input(ToolUseBlockParam.Input.builder().additionalProperties(fields(u.input())).build())
                    .build());
        }
        ContentBlock.ToolResult r = (ContentBlock.ToolResult) block;
        return ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                .toolUseId(r.toolUseId())
                .content(r.content())
                .isError(r.isError())
                .build());
    }

    private static Tool toTool(ToolSpec spec) {
        JsonNode schema = spec.inputSchema() == null ? JsonNodeFactory.instance.objectNode() : spec.inputSchema();
        Tool.InputSchema.Builder s = Tool.InputSchema.builder();
        schema.fields().forEachRemaining(e -> {
            switch (e.getKey()) {
                case "type" -> { } // always "object"; the SDK writes it
                case "properties" -> s.properties(Tool.InputSchema.Properties.builder().additionalProperties(fields(e.getValue())).build());
                case "required" -> {
                    List<String> required = new ArrayList<>();
                    e.getValue().forEach(n -> required.add(n.asText()));
                    s.required(required);
                }
                default -> s.putAdditionalProperty(e.getKey(), JsonValue.fromJsonNode(e.getValue()));
            }
        });
        return Tool.builder().name(spec.name()).description(spec.description() == null ? "" : spec.description())
                .inputSchema(s.build()).build();
    }

    private static Map<String, JsonValue> fields(JsonNode object) {
        Map<String, JsonValue> out = new LinkedHashMap<>();
        if (object != null) {
            object.fields().forEachRemaining(e -> out.put(e.getKey(), JsonValue.fromJsonNode(e.getValue())));
        }
        return out;
    }

    // --- response ------------------------------------------------------------------------

    private static ChatResponse toResponse(Message message) {
        List<ContentBlock> content = new ArrayList<>();
        for (com.anthropic.models.messages.ContentBlock block : message.content()) {
            if (block.isText()) {
                content.add(new ContentBlock.Text(block.asText().text()));
            } else if (block.isToolUse()) {
                var use = block.asToolUse();
                JsonNode input = use._input().convert(JsonNode.class);
                content.add(new ContentBlock.ToolUse(use.id(), use.name(),
                        input == null || input.isNull() ? JsonNodeFactory.instance.objectNode() : input));
            }
            // thinking and server-tool blocks are not used by the engine and are skipped
        }
        Usage u = message.usage();
        TokenUsage usage = new TokenUsage(u.inputTokens(), u.outputTokens(),
                u.cacheReadInputTokens().orElse(0L), u.cacheCreationInputTokens().orElse(0L));
        StopReason stop = message.stopReason().map(r -> stopReason(r.asString())).orElse(StopReason.OTHER);
        return new ChatResponse(message.model().asString(), content, usage, stop);
    }

    static StopReason stopReason(String wire) {
        return switch (wire) {
            case "end_turn" -> StopReason.END_TURN;
            case "max_tokens" -> StopReason.MAX_TOKENS;
            case "stop_sequence" -> StopReason.STOP_SEQUENCE;
            case "tool_use" -> StopReason.TOOL_USE;
            case "pause_turn" -> StopReason.PAUSE_TURN;
            case "refusal" -> StopReason.REFUSAL;
            case "model_context_window_exceeded" -> StopReason.CONTEXT_WINDOW_EXCEEDED;
            default -> StopReason.OTHER;
        };
    }

    /** The {@code error.message} of Anthropic's error body, when there is one. */
    private static String errorMessage(JsonValue body) {
        try {
            JsonNode node = body == null ? null : body.convert(JsonNode.class);
            return Optional.ofNullable(node).map(n -> n.path("error").path("message").asText(null)).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
