package org.orchestration.core.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.json.Json;
import org.orchestration.core.llm.CancellationToken;

/**
 * generate_image against a fake ComfyUI speaking the real /prompt, /history, /view, /queue and
 * /interrupt wire format. The fake keeps the one prompt's place: pending, running or gone.
 */
class GenerateImageToolTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13};
    private static final String DONE = "{\"abc-123\":{\"prompt\":[],\"outputs\":{\"9\":{\"images\":[{\"filename\":"
            + "\"ComfyUI_00001_.png\",\"subfolder\":\"\",\"type\":\"output\"}]}},\"status\":{\"status_str\":\"success\","
            + "\"completed\":true,\"messages\":[]}}}";

    @TempDir
    Path workspace;
    MockWebServer server;
    ScheduledExecutorService scheduler;
    ToolContext context;
    final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    final Map<String, MockResponse> fixed = new HashMap<>();
    final AtomicInteger historyPolls = new AtomicInteger();
    volatile int pollsUntilDone = 2;
    volatile MockResponse historyReply;
    /** Where the fake's prompt abc-123 is: "pending", "running" or "none" (deleted, interrupted or done). */
    volatile String queued = "pending";
    private static final String QUEUE_ITEM = "[12,\"abc-123\",{},{\"client_id\":\"c\"},[\"9\"]]";

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                String path = request.getPath();
                if (fixed.containsKey(path)) {
                    return fixed.get(path);
                }
                if (path.equals("/prompt") && request.getMethod().equals("POST")) {
                    return new MockResponse().setBody("{\"prompt_id\":\"abc-123\",\"number\":12,\"node_errors\":{}}");
                }
                if (path.equals("/history/abc-123")) {
                    if (historyReply != null) {
                        return historyReply;
                    }
                    return new MockResponse().setBody(historyPolls.incrementAndGet() > pollsUntilDone ? DONE : "{}");
                }
                if (path.equals("/queue") && request.getMethod().equals("GET")) {
                    return new MockResponse().setBody("{\"queue_running\":[" + (queued.equals("running") ? QUEUE_ITEM : "")
                            + "],\"queue_pending\":[" + (queued.equals("pending") ? QUEUE_ITEM : "") + "]}");
                }
                if (path.equals("/queue") && request.getMethod().equals("POST")) {
                    // ComfyUI: {"delete": [prompt_id, ...]} removes pending items; a running one is untouched
                    if (json(request).path("delete").toString().contains("\"abc-123\"") && queued.equals("pending")) {
                        queued = "none";
                    }
                    return new MockResponse();
                }
                if (path.equals("/interrupt") && request.getMethod().equals("POST")) {
                    // ComfyUI: {"prompt_id": id} interrupts only if that prompt runs; no id interrupts whatever runs
                    String id = json(request).path("prompt_id").asText("");
                    if (queued.equals("running") && (id.isEmpty() || id.equals("abc-123"))) {
                        queued = "none";
                    }
                    return new MockResponse();
                }
                if (path.startsWith("/view?")) {
                    return new MockResponse().setHeader("Content-Type", "image/png").setBody(new Buffer().write(PNG));
                }
                return new MockResponse().setResponseCode(404);
            }
        });
        server.start();
        scheduler = Executors.newSingleThreadScheduledExecutor();
        context = new ToolContext(new User("u", "u@example.com", "u", Role.USER, true), "p", "t", workspace);
    }

    private static JsonNode json(RecordedRequest request) {
        try {
            String body = request.getBody().clone().readUtf8();
            return body.isEmpty() ? Json.mapper().createObjectNode() : Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> calls(String method, String path) {
        return requests.stream().filter(r -> r.getMethod().equals(method) && r.getPath().equals(path))
                .map(r -> json(r).toString()).toList();
    }

    @AfterEach
    void stop() throws Exception {
        scheduler.shutdownNow();
        server.shutdown();
    }

    private GenerateImageTool tool(Duration promptTimeout, Duration generationTimeout) {
        AppConfig.ComfyUi config = new AppConfig.ComfyUi(server.url("/").toString(), "sd_xl_base_1.0.safetensors",
                promptTimeout, generationTimeout);
        return new GenerateImageTool(new OkHttpClient(), config, scheduler, Duration.ofMillis(20), 1_000_000,
                Clock.fixed(Instant.parse("2026-03-01T10:15:30Z"), ZoneOffset.UTC));
    }

    private GenerateImageTool tool() {
        return tool(Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    private static ObjectNode args(String prompt) {
        return Json.mapper().createObjectNode().put("prompt", prompt);
    }

    @Test
    void queuesTheWorkflowPollsHistoryAndSavesTheImageInTheWorkspace() throws Exception {
        ObjectNode input = args("a lighthouse at dusk").put("width", 512).put("height", 768).put("negative", "blurry");
        ToolOutcome outcome = tool().execute(context, input, CancellationToken.none());

        assertThat(outcome.isError()).as(outcome.content()).isFalse();
        assertThat(outcome.filesWritten()).containsExactly("images/20260301-101530-abc123.png");
        assertThat(Files.readAllBytes(workspace.resolve("images/20260301-101530-abc123.png"))).isEqualTo(PNG);
        assertThat(historyPolls.get()).isEqualTo(3);
        RecordedRequest view = requests.get(requests.size() - 1);
        assertThat(view.getRequestUrl().queryParameter("filename")).isEqualTo("ComfyUI_00001_.png");
        assertThat(view.getRequestUrl().queryParameter("type")).isEqualTo("output");
        assertThat(view.getRequestUrl().queryParameter("subfolder")).isEmpty();
    }

    @Test
    void theWorkflowIsTheMinimalTextToImageGraphWithTheConfiguredCheckpoint() throws Exception {
        tool().execute(context, args("a cat").put("width", 512).put("height", 512).put("negative", "dog"), CancellationToken.none());
        JsonNode body = Json.mapper().readTree(requests.get(0).getBody().readUtf8());
        assertThat(body.get("client_id").asText()).isNotBlank();
        JsonNode graph = body.get("prompt");
        List<String> types = new ArrayList<>();
        graph.forEach(n -> types.add(n.get("class_type").asText()));
        assertThat(types).containsExactlyInAnyOrder("CheckpointLoaderSimple", "EmptyLatentImage", "CLIPTextEncode",
                "CLIPTextEncode", "KSampler", "VAEDecode", "SaveImage");
        assertThat(graph.at("/4/inputs/ckpt_name").asText()).isEqualTo("sd_xl_base_1.0.safetensors");
        assertThat(graph.at("/5/inputs/width").asInt()).isEqualTo(512);
        assertThat(graph.at("/6/inputs/text").asText()).isEqualTo("a cat");
        assertThat(graph.at("/7/inputs/text").asText()).isEqualTo("dog");
        assertThat(graph.at("/3/inputs/model").toString()).isEqualTo("[\"4\",0]");
        assertThat(graph.at("/3/inputs/positive").toString()).isEqualTo("[\"6\",0]");
        assertThat(graph.at("/3/inputs/negative").toString()).isEqualTo("[\"7\",0]");
        assertThat(graph.at("/8/inputs/vae").toString()).isEqualTo("[\"4\",2]");
        assertThat(graph.at("/9/inputs/images").toString()).isEqualTo("[\"8\",0]");
    }

    @Test
    void aRefusedWorkflowIsAToolErrorWithComfysNodeErrors() {
        fixed.put("/prompt", new MockResponse().setResponseCode(400).setBody("{\"error\":{\"type\":\"prompt_outputs_failed_validation\","
                + "\"message\":\"Prompt outputs failed validation\",\"details\":\"\"},\"node_errors\":{\"4\":{\"errors\":"
                + "[{\"message\":\"Value not in list: ckpt_name\"}]}}}"));
        ToolOutcome outcome = tool().execute(context, args("x"), CancellationToken.none());
        assertThat(outcome.isError()).isTrue();
        assertThat(outcome.content()).contains("HTTP 400", "Prompt outputs failed validation", "Value not in list: ckpt_name");
    }

    @Test
    void aServerErrorOnSubmitIsAToolError() {
        fixed.put("/prompt", new MockResponse().setResponseCode(500).setBody("Internal Server Error"));
        ToolOutcome outcome = tool().execute(context, args("x"), CancellationToken.none());
        assertThat(outcome.isError()).isTrue();
        assertThat(outcome.content()).contains("HTTP 500");
    }

    @Test
    void aSilentSubmitTimesOutWithThePromptTimeout() {
        fixed.put("/prompt", new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        ToolOutcome outcome = tool(Duration.ofMillis(300), Duration.ofSeconds(5)).execute(context, args("x"), CancellationToken.none());
        assertThat(outcome.content()).contains("did not answer within");
    }

    @Test
    void generationThatNeverFinishesTimesOutWithTheGenerationTimeout() {
        pollsUntilDone = Integer.MAX_VALUE;
        ToolOutcome outcome = tool(Duration.ofSeconds(2), Duration.ofMillis(300)).execute(context, args("x"), CancellationToken.none());
        assertThat(outcome.isError()).isTrue();
        assertThat(outcome.content()).contains("did not finish prompt abc-123");
        assertThat(workspace.resolve("images")).doesNotExist();
    }

    @Test
    void aFailedGenerationIsAToolError() {
        historyReply = new MockResponse().setBody("{\"abc-123\":{\"outputs\":{},\"status\":{\"status_str\":\"error\","
                + "\"completed\":false,\"messages\":[[\"execution_error\",{\"exception_message\":\"CUDA out of memory\"}]]}}}");
        ToolOutcome outcome = tool().execute(context, args("x"), CancellationToken.none());
        assertThat(outcome.isError()).isTrue();
        assertThat(outcome.content()).contains("failed to run prompt", "CUDA out of memory");
    }

    @Test
    void aHistoryEndpointThatKeepsFailingEndsTheCall() {
        historyReply = new MockResponse().setResponseCode(500).setBody("boom");
        ToolOutcome outcome = tool().execute(context, args("x"), CancellationToken.none());
        assertThat(outcome.content()).contains("stopped answering");
    }

    @Test
    void cancellingStopsWaitingForTheImage() throws Exception {
        pollsUntilDone = Integer.MAX_VALUE;
        CancellationToken cancel = new CancellationToken();
        GenerateImageTool tool = tool(Duration.ofSeconds(2), Duration.ofSeconds(60));
        CompletableFuture<ToolOutcome> running = CompletableFuture.supplyAsync(() -> tool.execute(context, args("x"), cancel));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> historyPolls.get() >= 2);
        cancel.cancel();
        assertThat(running.get(5, TimeUnit.SECONDS).content()).isEqualTo("Image generation was cancelled.");
        int polls = historyPolls.get();
        Awaitility.await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                .until(() -> historyPolls.get() <= polls + 1);
    }

    /** Starts a generation that never finishes, waits for its first poll, cancels it and returns the outcome. */
    private ToolOutcome cancelAfterFirstPoll() throws Exception {
        pollsUntilDone = Integer.MAX_VALUE;
        CancellationToken cancel = new CancellationToken();
        GenerateImageTool tool = tool(Duration.ofSeconds(2), Duration.ofSeconds(60));
        CompletableFuture<ToolOutcome> running = CompletableFuture.supplyAsync(() -> tool.execute(context, args("x"), cancel));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> historyPolls.get() >= 1);
        cancel.cancel();
        return running.get(1, TimeUnit.SECONDS); // the bound: a cancelled outcome within 1 s
    }

    @Test
    void cancellingAQueuedPromptDeletesItFromComfysQueue() throws Exception {
        queued = "pending";
        assertThat(cancelAfterFirstPoll().content()).isEqualTo("Image generation was cancelled.");
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(calls("POST", "/queue")).containsExactly("{\"delete\":[\"abc-123\"]}"));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !calls("GET", "/queue").isEmpty());
        assertThat(queued).isEqualTo("none");
        Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> calls("POST", "/interrupt").isEmpty());
    }

    @Test
    void cancellingARunningPromptInterruptsIt() throws Exception {
        queued = "running";
        assertThat(cancelAfterFirstPoll().content()).isEqualTo("Image generation was cancelled.");
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(calls("POST", "/interrupt")).containsExactly("{\"prompt_id\":\"abc-123\"}"));
        assertThat(calls("POST", "/queue")).containsExactly("{\"delete\":[\"abc-123\"]}");
        assertThat(queued).isEqualTo("none");
    }

    @Test
    void aPromptThatTimedOutIsWithdrawnToo() {
        pollsUntilDone = Integer.MAX_VALUE;
        queued = "running";
        ToolOutcome outcome = tool(Duration.ofSeconds(2), Duration.ofMillis(300)).execute(context, args("x"), CancellationToken.none());
        assertThat(outcome.content()).contains("did not finish prompt abc-123");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> queued.equals("none"));
    }

    @Test
    void aComfyThatRefusesTheWithdrawalStillGetsACancelledOutcome() throws Exception {
        fixed.put("/queue", new MockResponse().setResponseCode(500).setBody("boom"));
        assertThat(cancelAfterFirstPoll().content()).isEqualTo("Image generation was cancelled.");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !calls("POST", "/queue").isEmpty());
        assertThat(calls("POST", "/interrupt")).isEmpty();
    }

    @Test
    void aFinishedGenerationWithdrawsNothing() {
        tool().execute(context, args("x"), CancellationToken.none());
        assertThat(calls("POST", "/queue")).isEmpty();
        assertThat(calls("POST", "/interrupt")).isEmpty();
    }

    @Test
    void sizesMustBeMultiplesOfEight() {
        assertThat(tool().execute(context, args("x").put("width", 500), CancellationToken.none()).content())
                .contains("multiples of 8");
        assertThat(tool().execute(context, args("x").put("width", 4096), CancellationToken.none()).content())
                .contains("between 64 and 2048");
        assertThat(requests).isEmpty();
    }
}
