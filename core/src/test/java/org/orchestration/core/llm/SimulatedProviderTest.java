package org.orchestration.core.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.orchestration.core.json.Json;

class SimulatedProviderTest {

    private final SimulatedProvider provider = new SimulatedProvider();

    private static ChatRequest request(String system, String user, List<ToolSpec> tools) {
        return new ChatRequest(SimulatedProvider.MODEL, system, List.of(ChatMessage.user(user)), tools, 1024);
    }

    private static ToolSpec tool(String name) {
        return new ToolSpec(name, "a tool", Json.mapper().createObjectNode().put("type", "object"));
    }

    @Test
    void isLabelledSimulated() {
        assertThat(provider.id()).isEqualTo("simulated");
        assertThat(provider.displayName()).isEqualTo("Simulated");
        assertThat(provider.isSimulated()).isTrue();
    }

    @Test
    void sameRequestGetsTheSameReply() {
        ChatRequest request = request("You write code.", "Write a function that adds two numbers", List.of());

        ChatResponse first = provider.chat(request, CancellationToken.none());
        ChatResponse second = new SimulatedProvider().chat(request, CancellationToken.none());

        assertThat(second).isEqualTo(first);
        assertThat(first.text()).contains("Write a function that adds two numbers").contains("Simulated");
        assertThat(first.stopReason()).isEqualTo(StopReason.END_TURN);
    }

    @Test
    void usageIsEstimatedFromTextLengthSoBudgetsSeeTokens() {
        ChatResponse response = provider.chat(request("system prompt", "x".repeat(400), List.of()), CancellationToken.none());

        assertThat(response.usage().inputTokens()).isGreaterThanOrEqualTo(100);
        assertThat(response.usage().outputTokens()).isPositive();
        assertThat(response.usage().cacheReadTokens()).isZero();
    }

    @Test
    void planMarkerAnswersAValidPlanWithThreeToSixTasksFormingADag() throws Exception {
        String requirements = """
                A small todo web app:
                - users can add, edit and delete todos
                - todos are stored in SQLite
                - a README documents how to run it
                """;

        String text = provider.chat(request("You plan. " + SimulatedProvider.PLAN_MARKER, requirements, List.of()),
                CancellationToken.none()).text();

        JsonNode plan = Json.mapper().readTree(text);
        assertThat(plan.path("summary").asText()).isNotBlank();
        assertThat(plan.path("phases").isArray()).isTrue();
        JsonNode tasks = plan.path("tasks");
        assertThat(tasks.size()).isBetween(3, 6);
        for (int i = 0; i < tasks.size(); i++) {
            JsonNode t = tasks.get(i);
            assertThat(t.path("title").asText()).isNotBlank();
            assertThat(t.path("description").asText()).isNotBlank();
            assertThat(t.path("task_type").asText()).isIn("code", "research", "writing", "analysis");
            assertThat(t.path("complexity").asText()).isIn("simple", "medium", "complex");
            assertThat(t.path("priority").isInt()).isTrue();
            assertThat(t.path("tools").isArray()).isTrue();
            assertThat(t.path("estimated_tokens").asLong()).isPositive();
            for (JsonNode dep : t.path("depends_on")) {
                assertThat(dep.asInt()).as("dependencies point at earlier tasks, so there is no cycle").isBetween(0, i - 1);
            }
        }
        assertThat(tasks.get(1).path("description").asText()).isEqualTo("users can add, edit and delete todos");
        assertThat(tasks.get(tasks.size() - 1).path("depends_on").size()).isEqualTo(3);
    }

    @Test
    void planFromOneSentenceStillHasThreeTasks() throws Exception {
        String text = provider.chat(request(SimulatedProvider.PLAN_MARKER, "Make a haiku", List.of()), CancellationToken.none()).text();

        JsonNode tasks = Json.mapper().readTree(text).path("tasks");
        assertThat(tasks.size()).isEqualTo(3);
    }

    @Test
    void planForLongRequirementsIsCappedAtSixTasks() throws Exception {
        String requirements = "- one thing\n- two things\n- three things\n- four things\n- five things\n- six things\n";

        String text = provider.chat(request(SimulatedProvider.PLAN_MARKER, requirements, List.of()), CancellationToken.none()).text();

        assertThat(Json.mapper().readTree(text).path("tasks").size()).isEqualTo(6);
    }

    @Test
    void toolMarkerMakesOneToolCallThenAnswersAfterTheResult() throws Exception {
        ChatRequest first = request("[[SIMULATE_TOOL:read_file {\"path\":\"notes.md\"}]]", "Summarise notes.md",
                List.of(tool("read_file"), tool("write_file")));

        ChatResponse call = provider.chat(first, CancellationToken.none());

        assertThat(call.stopReason()).isEqualTo(StopReason.TOOL_USE);
        ContentBlock.ToolUse use = call.toolCalls().get(0);
        assertThat(use.name()).isEqualTo("read_file");
        assertThat(use.input()).isEqualTo(Json.mapper().readTree("{\"path\":\"notes.md\"}"));

        ChatRequest second = new ChatRequest(SimulatedProvider.MODEL, first.system(), List.of(
                ChatMessage.user("Summarise notes.md"),
                ChatMessage.assistant(call.content()),
                new ChatMessage(ChatMessage.Role.USER, List.of(new ContentBlock.ToolResult(use.id(), "read_file", "hello", false)))),
                first.tools(), 1024);
        ChatResponse answer = provider.chat(second, CancellationToken.none());

        assertThat(answer.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(answer.toolCalls()).isEmpty();
        assertThat(answer.text()).contains("read_file").contains("hello");
    }

    @Test
    void toolMarkerIsIgnoredWhenTheToolIsNotOffered() {
        ChatResponse response = provider.chat(request("[[SIMULATE_TOOL:read_file]]", "hi", List.of(tool("write_file"))),
                CancellationToken.none());

        assertThat(response.toolCalls()).isEmpty();
    }

    @Test
    void latencyIsAWaitThatCancellationEnds() throws Exception {
        SimulatedProvider slow = new SimulatedProvider(Duration.ofSeconds(30));
        CancellationToken token = new CancellationToken();
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                slow.chat(request("", "hi", List.of()), token);
                return null;
            } catch (Throwable t) {
                return t;
            }
        });

        token.cancel();

        assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.CANCELLED));
    }

    @Test
    void latencyDelaysTheReply() {
        SimulatedProvider slow = new SimulatedProvider(Duration.ofMillis(50));

        long started = System.nanoTime();
        slow.chat(request("", "hi", List.of()), CancellationToken.none());

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }

    @Test
    void differentRequirementsGiveDifferentPlans() {
        Set<String> plans = new HashSet<>();
        for (String r : List.of("Build a CLI", "Write a blog post about SQLite", "Research vector databases")) {
            plans.add(provider.chat(request(SimulatedProvider.PLAN_MARKER, r, List.of()), CancellationToken.none()).text());
        }
        assertThat(plans).hasSize(3);
    }
}
