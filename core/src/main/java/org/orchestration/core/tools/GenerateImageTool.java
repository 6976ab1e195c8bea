package org.orchestration.core.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.OkHttpClient;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.json.Json;
import org.orchestration.core.llm.CancellationToken;

/**
 * {@code generate_image(prompt, width?, height?, negative?)} through ComfyUI: the input is checked,
 * a minimal text-to-image graph (checkpoint from {@code comfyui.default_checkpoint}) is run by
 * {@link ComfyUiClient}, and the image is saved under {@code images/} in the workspace. Cancelling
 * the task stops the wait, aborts the call in flight and withdraws the prompt from ComfyUI.
 * Every ComfyUI failure becomes an error result for the model, never an exception.
 */
public final class GenerateImageTool extends BaseTool {

    public static final String NAME = "generate_image";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final ComfyUiClient comfyUi;
    private final AppConfig.ComfyUi config;
    private final Clock clock;

    /**
     * @param sharedClient  the app's OkHttp client; each call here gets {@code promptTimeout} as call timeout
     * @param scheduler     runs the history polls (shared, owned by the caller)
     * @param pollInterval  time between two {@code /history} polls (1 s in the app)
     * @param maxImageBytes a bigger image is refused
     */
    public GenerateImageTool(OkHttpClient sharedClient, AppConfig.ComfyUi config, ScheduledExecutorService scheduler,
                             Duration pollInterval, long maxImageBytes, Clock clock) {
        super(NAME, "Generate an image from a text prompt with the local ComfyUI server and save it "
                + "in the workspace under images/.",
                ToolInput.schema()
                        .string("prompt", "What the image should show.", true)
                        .integer("width", "Width in pixels, a multiple of 8 between 64 and 2048 (default 1024).", false)
                        .integer("height", "Height in pixels, a multiple of 8 between 64 and 2048 (default 1024).", false)
                        .string("negative", "What the image should not show.", false)
                        .build());
        if (config.checkpoint() == null || config.checkpoint().isBlank()) {
            throw new IllegalArgumentException("comfyui.default_checkpoint is not set");
        }
        this.comfyUi = new ComfyUiClient(sharedClient, config, scheduler, pollInterval, maxImageBytes);
        this.config = config;
        this.clock = clock;
    }

    /** Checked by the resource monitor as "comfyui". */
    @Override
    public Optional<String> service() {
        return Optional.of("comfyui");
    }

    @Override
    ToolOutcome run(ToolContext context, JsonNode input, CancellationToken cancel) throws ToolInput.Invalid, Workspace.Refused {
        try {
            String prompt = ToolInput.requiredText(input, "prompt");
            int width = ToolInput.optionalInt(input, "width", 1024, 64, 2048);
            int height = ToolInput.optionalInt(input, "height", 1024, 64, 2048);
            if (width % 8 != 0 || height % 8 != 0) {
                return ToolOutcome.error("Width and height must be multiples of 8.");
            }
            String negative = ToolInput.optionalString(input, "negative");
            String promptId = comfyUi.submit(workflow(prompt, negative == null ? "" : negative, width, height), cancel);
            JsonNode entry = comfyUi.awaitHistory(promptId, cancel);
            JsonNode image = ComfyUiClient.firstImage(entry);
            if (image == null) {
                return ToolOutcome.error("ComfyUI finished prompt " + promptId + " but produced no image.");
            }
            byte[] bytes = comfyUi.fetch(image, cancel);
            Workspace workspace = new Workspace(context.workspace());
            String name = "images/" + STAMP.format(clock.instant()) + "-" + promptId.replaceAll("[^A-Za-z0-9]", "")
                    .substring(0, Math.min(8, promptId.replaceAll("[^A-Za-z0-9]", "").length())) + "." + extension(image);
            Path written = workspace.write(name, bytes);
            String rel = workspace.relative(written);
            return new ToolOutcome("Generated a " + width + "x" + height + " image and saved it as " + rel + ".", false, List.of(rel));
        } catch (ComfyUiClient.Failure e) {
            return ToolOutcome.error(e.getMessage());
        } catch (CancellationException e) {
            return ToolOutcome.error("Image generation was cancelled.");
        } catch (InterruptedIOException e) {
            return ToolOutcome.error(cancel.isCancelled() ? "Image generation was cancelled."
                    : "ComfyUI did not answer within " + config.promptTimeout().toSeconds() + " s.");
        } catch (IOException e) {
            return ToolOutcome.error(cancel.isCancelled() ? "Image generation was cancelled."
                    : "ComfyUI is not reachable at " + comfyUi.base() + ": " + e.getMessage());
        }
    }

    private static String extension(JsonNode image) {
        String name = image.path("filename").asText("");
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return ext.matches("[a-z0-9]{1,5}") ? ext : "png";
    }

    /** The minimal text-to-image graph (node ids as strings, links as [node, output]). */
    ObjectNode workflow(String prompt, String negative, int width, int height) {
        ObjectNode g = Json.mapper().createObjectNode();
        node(g, "4", "CheckpointLoaderSimple").put("ckpt_name", config.checkpoint());
        ObjectNode latent = node(g, "5", "EmptyLatentImage");
        latent.put("width", width);
        latent.put("height", height);
        latent.put("batch_size", 1);
        ObjectNode pos = node(g, "6", "CLIPTextEncode");
        pos.put("text", prompt);
        link(pos, "clip", "4", 1);
        ObjectNode neg = node(g, "7", "CLIPTextEncode");
        neg.put("text", negative);
        link(neg, "clip", "4", 1);
        ObjectNode sampler = node(g, "3", "KSampler");
        sampler.put("seed", ThreadLocalRandom.current().nextLong(0, 1L << 48));
        sampler.put("steps", 20);
        sampler.put("cfg", 7.0);
        sampler.put("sampler_name", "euler");
        sampler.put("scheduler", "normal");
        sampler.put("denoise", 1.0);
        link(sampler, "model", "4", 0);
        link(sampler, "positive", "6", 0);
        link(sampler, "negative", "7", 0);
        link(sampler, "latent_image", "5", 0);
        ObjectNode decode = node(g, "8", "VAEDecode");
        link(decode, "samples", "3", 0);
        link(decode, "vae", "4", 2);
        ObjectNode save = node(g, "9", "SaveImage");
        save.put("filename_prefix", "orchestration");
        link(save, "images", "8", 0);
        return g;
    }

    private static ObjectNode node(ObjectNode graph, String id, String classType) {
        ObjectNode node = graph.putObject(id);
        node.put("class_type", classType);
        return node.putObject("inputs");
    }

    private static void link(ObjectNode inputs, String name, String fromNode, int output) {
        ArrayNode link = inputs.putArray(name);
        link.add(fromNode);
        link.add(output);
    }
}
