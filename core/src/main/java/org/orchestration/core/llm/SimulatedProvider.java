package org.orchestration.core.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.orchestration.core.json.Json;

/**
 * A deterministic stand-in for a model: dry runs, demos without an API key, tests and
 * benchmarks. The same request always gets the same reply; it costs $0 and is labelled
 * "Simulated" wherever a model name is shown. No network.
 *
 * <p>Markers in the request steer it:
 * <ul>
 *   <li>{@value #PLAN_MARKER} in the system prompt: answers a valid plan JSON (3-6 tasks forming a
 *       small DAG) derived from the requirements in the user message, so planning works without a key.</li>
 *   <li>{@code [[SIMULATE_TOOL:name]]} or {@code [[SIMULATE_TOOL:name {"k":"v"}]]} anywhere, with
 *       that tool offered: the first turn calls it once (with the given input, or {}); the turn
 *       after the tool result answers text. Lets tests drive the executor's tool loop.</li>
 * </ul>
 * Token usage is estimated from text length so budgets and the UI see non-zero counts.
 */
public final class SimulatedProvider implements ChatProvider {

    public static final String ID = "simulated";
    public static final String DISPLAY_NAME = "Simulated";
    /** The model name routes use for the simulated provider; priced at $0. */
    public static final String MODEL = "simulated";
    public static final String PLAN_MARKER = "[[PLAN_JSON]]";

    private static final Pattern TOOL_MARKER = Pattern.compile("\\[\\[SIMULATE_TOOL:([A-Za-z0-9_.\\-]+)(?:\\s+(\\{.*?}))?]]", Pattern.DOTALL);
    private static final int MAX_REQUIREMENT_ITEMS = 4;

    private final Duration latency;
    private final ObjectMapper mapper = Json.mapper();

    /** Answers at once. */
    public SimulatedProvider() {
        this(Duration.ZERO);
    }

    /** @param latency how long each reply takes (a cancellable wait, no busy sleeping) */
    public SimulatedProvider(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative");
        }
        this.latency = latency;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return DISPLAY_NAME;
    }

    @Override
    public boolean isSimulated() {
        return true;
    }

    @Override
    public ChatResponse chat(ChatRequest request, CancellationToken cancel) {
        waitLatency(cancel);
        List<ContentBlock> content;
        StopReason stop;
        ContentBlock.ToolUse toolCall = plannedToolCall(request);
        if (toolCall != null) {
            content = List.of(new ContentBlock.Text("Simulated: calling tool " + toolCall.name() + "."), toolCall);
            stop = StopReason.TOOL_USE;
        } else if (request.system().contains(PLAN_MARKER)) {
            content = List.of(new ContentBlock.Text(planJson(lastUserText(request))));
            stop = StopReason.END_TURN;
        } else {
            content = List.of(new ContentBlock.Text(markdownReply(request)));
            stop = StopReason.END_TURN;
        }
        long input = TokenEstimates.estimateTokens(request.system()) + request.messages().stream().mapToLong(SimulatedProvider::tokensOf).sum()
                + request.tools().stream().mapToLong(t -> TokenEstimates.estimateTokens(t.name() + t.description() + t.inputSchema())).sum();
        long output = content.stream().mapToLong(SimulatedProvider::tokensOf).sum();
        return new ChatResponse(request.model(), content, new TokenUsage(Math.max(1, input), Math.max(1, output), 0, 0), stop);
    }

    private void waitLatency(CancellationToken cancel) {
        if (cancel.isCancelled()) {
            throw ProviderErrors.cancelled(ID, DISPLAY_NAME);
        }
        if (latency.isZero()) {
            return;
        }
        CountDownLatch cancelled = new CountDownLatch(1);
        Runnable unregister = cancel.onCancel(cancelled::countDown);
        try {
            if (cancelled.await(latency.toNanos(), TimeUnit.NANOSECONDS)) {
                throw ProviderErrors.cancelled(ID, DISPLAY_NAME);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProviderErrors.cancelled(ID, DISPLAY_NAME);
        } finally {
            unregister.run();
        }
    }

    // --- tool calls ----------------------------------------------------------------------

    /** The tool call to make, or null: only when marked, offered, and not yet answered in this conversation. */
    private ContentBlock.ToolUse plannedToolCall(ChatRequest request) {
        if (request.tools().isEmpty()) {
            return null;
        }
        Matcher m = TOOL_MARKER.matcher(request.system() + "\n" + allText(request));
        if (!m.find()) {
            return null;
        }
        String name = m.group(1);
        boolean offered = request.tools().stream().anyMatch(t -> t.name().equals(name));
        boolean alreadyAnswered = request.messages().stream().flatMap(msg -> msg.content().stream())
                .anyMatch(b -> b instanceof ContentBlock.ToolResult);
        if (!offered || alreadyAnswered) {
            return null;
        }
        JsonNode input = mapper.createObjectNode();
        if (m.group(2) != null) {
            try {
                input = mapper.readTree(m.group(2));
            } catch (JsonProcessingException e) {
                input = mapper.createObjectNode();
            }
        }
        String id = "toolu_sim_" + UUID.nameUUIDFromBytes((name + "|" + allText(request)).getBytes(StandardCharsets.UTF_8))
                .toString().replace("-", "").substring(0, 16);
        return new ContentBlock.ToolUse(id, name, input);
    }

    // --- plain replies -------------------------------------------------------------------

    private static String markdownReply(ChatRequest request) {
        String task = firstLine(lastUserText(request));
        StringBuilder out = new StringBuilder();
        out.append("## Simulated result\n\n");
        out.append("**Task:** ").append(task.isEmpty() ? "(no task text)" : task).append("\n\n");
        List<ContentBlock.ToolResult> results = request.messages().stream().flatMap(m -> m.content().stream())
                .filter(b -> b instanceof ContentBlock.ToolResult).map(b -> (ContentBlock.ToolResult) b).toList();
        for (ContentBlock.ToolResult r : results) {
            out.append("- Tool `").append(r.toolName() == null ? r.toolUseId() : r.toolName()).append("` ")
                    .append(r.isError() ? "failed: " : "returned: ").append(abbreviate(firstLine(r.content()), 120)).append('\n');
        }
        if (!results.isEmpty()) {
            out.append('\n');
        }
        out.append("This is simulated output: no model was called and it cost $0.00.\n");
        return out.toString();
    }

    // --- plans ---------------------------------------------------------------------------

    /** A plan JSON with 3-6 tasks: analyse -> one task per requirement item (max 4) -> review. */
    String planJson(String requirements) {
        List<String> items = requirementItems(requirements);
        ObjectNode plan = mapper.createObjectNode();
        String gist = abbreviate(firstLine(requirements), 80);
        plan.put("summary", "Simulated plan for: " + (gist.isEmpty() ? "the requirements" : gist));
        ArrayNode phases = plan.putArray("phases");
        phases.addObject().put("name", "Analysis").put("description", "Understand the requirements and fix the scope.");
        phases.addObject().put("name", "Build").put("description", "Deliver each requirement.");
        phases.addObject().put("name", "Review").put("description", "Check the results against the requirements.");
        ArrayNode tasks = plan.putArray("tasks");
        addTask(tasks, "Analyse the requirements", "List the goals, constraints and open questions of: " + gist,
                "analysis", "simple", 90, List.of());
        List<Integer> buildIndices = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i);
            buildIndices.add(i + 1);
            addTask(tasks, abbreviate("Deliver: " + item, 80), item, taskType(item), complexity(item), 70 - i * 5, List.of(0));
        }
        addTask(tasks, "Review and summarise", "Check every delivered part against the requirements and write a short summary.",
                "writing", "simple", 40, buildIndices);
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(plan);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a tree of strings and numbers always serialises
        }
    }

    private static void addTask(ArrayNode tasks, String title, String description, String type, String complexity,
                                int priority, List<Integer> dependsOn) {
        ObjectNode t = tasks.addObject();
        t.put("title", title);
        t.put("description", description);
        t.put("task_type", type);
        t.put("complexity", complexity);
        t.put("priority", priority);
        ArrayNode deps = t.putArray("depends_on");
        dependsOn.forEach(deps::add);
        t.putArray("tools");
        t.put("estimated_tokens", TokenEstimates.TASK_INPUT_TOKENS + TokenEstimates.TASK_OUTPUT_TOKENS);
    }

    /** Bullet or numbered lines if there are any, otherwise sentences; at most four, duplicates removed. */
    static List<String> requirementItems(String requirements) {
        Set<String> items = new LinkedHashSet<>();
        String text = requirements == null ? "" : requirements;
        for (String line : text.split("\\R")) {
            String trimmed = line.trim();
            if (trimmed.matches("^([-*•+]|\\d+[.)])\\s+.*")) {
                items.add(trimmed.replaceFirst("^([-*•+]|\\d+[.)])\\s+", "").trim());
            }
        }
        if (items.isEmpty()) {
            for (String sentence : text.split("(?<=[.!?;])\\s+|\\R")) {
                String s = sentence.trim().replaceAll("[.!?;]+$", "");
                if (s.length() >= 3) {
                    items.add(s);
                }
            }
        }
        items.removeIf(s -> s.length() < 3);
        List<String> list = new ArrayList<>(items);
        if (list.isEmpty()) {
            list.add("Build what the requirements describe");
        }
        return List.copyOf(list.subList(0, Math.min(MAX_REQUIREMENT_ITEMS, list.size())));
    }

    private static String taskType(String item) {
        String s = item.toLowerCase(Locale.ROOT);
        if (s.matches(".*\\b(code|implement|api|function|class|bug|test|script|program|endpoint|build)\\w*.*")) {
            return "code";
        }
        if (s.matches(".*\\b(research|investigate|compare|find|survey|evaluate)\\w*.*")) {
            return "research";
        }
        if (s.matches(".*\\b(write|document|docs|report|summar|blog|article|readme)\\w*.*")) {
            return "writing";
        }
        return "analysis";
    }

    private static String complexity(String item) {
        if (item.length() > 120) {
            return "complex";
        }
        return item.length() > 50 ? "medium" : "simple";
    }

    // --- text helpers --------------------------------------------------------------------

    private static String lastUserText(ChatRequest request) {
        for (int i = request.messages().size() - 1; i >= 0; i--) {
            ChatMessage m = request.messages().get(i);
            if (m.role() == ChatMessage.Role.USER) {
                StringBuilder sb = new StringBuilder();
                m.content().stream().filter(b -> b instanceof ContentBlock.Text).forEach(b -> sb.append(((ContentBlock.Text) b).text()));
                if (sb.length() > 0) {
                    return sb.toString();
                }
            }
        }
        return "";
    }

    private static String allText(ChatRequest request) {
        StringBuilder sb = new StringBuilder();
        for (ChatMessage m : request.messages()) {
            for (ContentBlock b : m.content()) {
                if (b instanceof ContentBlock.Text t) {
                    sb.append(t.text()).append('\n');
                }
            }
        }
        return sb.toString();
    }

    private static long tokensOf(ChatMessage m) {
        return m.content().stream().mapToLong(SimulatedProvider::tokensOf).sum();
    }

    private static long tokensOf(ContentBlock b) {
        if (b instanceof ContentBlock.Text t) {
            return TokenEstimates.estimateTokens(t.text());
        }
        if (b instanceof ContentBlock.ToolUse u) {
            return TokenEstimates.estimateTokens(u.name() + u.input());
        }
        return TokenEstimates.estimateTokens(((ContentBlock.ToolResult) b).content());
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        for (String line : text.split("\\R")) {
            if (!line.isBlank()) {
                return line.trim();
            }
        }
        return "";
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
