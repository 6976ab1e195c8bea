package org.orchestration.core.tools;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.OkHttpClient;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.rag.KnowledgeSearch;

/** The engine's seven tools as registry factories; the composition root builds the registry from these. */
public final class StandardTools {

    /** Images from ComfyUI may be larger than text files; this caps them. */
    public static final long MAX_IMAGE_BYTES = 50L * 1024 * 1024;

    private StandardTools() {
    }

    /**
     * @param sharedClient the app's one OkHttp client
     * @param search       hybrid search over knowledge bases (shares the IndexCache with lookup_type)
     * @param scheduler    a shared scheduler for ComfyUI history polls
     */
    public static List<ToolRegistry.Factory> factories(AppConfig config, OkHttpClient sharedClient, KnowledgeSearch search,
                                                       ScheduledExecutorService scheduler, Clock clock) {
        long maxFile = config.files().maxFileBytes();
        return List.of(
                new ToolRegistry.Factory(ReadFileTool.NAME, () -> new ReadFileTool(maxFile)),
                new ToolRegistry.Factory(WriteFileTool.NAME, () -> new WriteFileTool(maxFile)),
                new ToolRegistry.Factory(ListFilesTool.NAME, ListFilesTool::new),
                new ToolRegistry.Factory(SearchKnowledgeTool.NAME, () -> new SearchKnowledgeTool(search)),
                new ToolRegistry.Factory(LookupTypeTool.NAME, () -> new LookupTypeTool(search)),
                new ToolRegistry.Factory(OllamaGenerateTool.NAME, () -> new OllamaGenerateTool(sharedClient, config.ollama())),
                new ToolRegistry.Factory(GenerateImageTool.NAME, () -> new GenerateImageTool(sharedClient, config.comfyui(),
                        scheduler, Duration.ofSeconds(1), MAX_IMAGE_BYTES, clock)));
    }
}
