package org.orchestration.core.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.orchestration.core.json.Json;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.llm.ToolSpec;

class ToolRegistryTest {

    private static Tool named(String name) {
        return new Tool() {
            @Override
            public ToolSpec spec() {
                return new ToolSpec(name, "test tool", Json.mapper().createObjectNode());
            }

            @Override
            public ToolOutcome execute(ToolContext context, JsonNode input, CancellationToken cancel) {
                return ToolOutcome.ok(name);
            }
        };
    }

    private static ToolRegistry registryWithOneBrokenTool() {
        return new ToolRegistry(List.of(
                new ToolRegistry.Factory("a", () -> named("a")),
                new ToolRegistry.Factory("broken", () -> {
                    throw new IllegalStateException("model file missing");
                }),
                new ToolRegistry.Factory("c", () -> named("c"))));
    }

    @Test
    void aThrowingToolIsLeftOutWhileTheOthersRegister() {
        ToolRegistry registry = registryWithOneBrokenTool();
        assertThat(registry.available()).containsExactly("a", "c");
        assertThat(registry.find("broken")).isEmpty();
        assertThat(registry.find("c")).isPresent();
    }

    @Test
    void statusReportsEveryToolWithTheReasonOfAFailure() {
        assertThat(registryWithOneBrokenTool().status()).containsExactly(
                new ToolStatus("a", true, null),
                new ToolStatus("broken", false, "model file missing"),
                new ToolStatus("c", true, null));
    }

    @Test
    void specsForSkipsUnknownAndBrokenNames() {
        assertThat(registryWithOneBrokenTool().specsFor(List.of("c", "broken", "nope", "a", "c")))
                .extracting(ToolSpec::name).containsExactly("c", "a");
    }

    @Test
    void aFactoryBuildingAToolOfAnotherNameIsRefused() {
        ToolRegistry registry = new ToolRegistry(List.of(new ToolRegistry.Factory("x", () -> named("y"))));
        assertThat(registry.available()).isEmpty();
        assertThat(registry.status().get(0).reason()).contains("\"y\"");
    }

    @Test
    void theStandardToolsAllRegister() {
        var config = ToolTestConfig.config("http://127.0.0.1:1", "http://127.0.0.1:2");
        ToolRegistry registry = new ToolRegistry(StandardTools.factories(config, new okhttp3.OkHttpClient(), null,
                Executors.newSingleThreadScheduledExecutor(), Clock.systemUTC()));
        assertThat(registry.available()).containsExactly("read_file", "write_file", "list_files", "search_knowledge",
                "lookup_type", "ollama_generate", "generate_image");
    }
}
