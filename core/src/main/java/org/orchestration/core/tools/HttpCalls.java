package org.orchestration.core.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.orchestration.core.json.Json;
import org.orchestration.core.llm.CancellationToken;

/** One HTTP call that a cancellation token can abort, with the error text of Ollama/ComfyUI replies. */
final class HttpCalls {

    /** A reply with its status and body. */
    record Reply(int code, byte[] body) {
        boolean ok() {
            return code >= 200 && code < 300;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() throws IOException {
            return Json.mapper().readTree(body);
        }
    }

    private HttpCalls() {
    }

    /** Executes {@code request}; a cancel of {@code cancel} aborts the call (it then throws an IOException). */
    static Reply execute(OkHttpClient client, Request request, CancellationToken cancel) throws IOException {
        Call call = client.newCall(request);
        Runnable unregister = cancel.onCancel(call::cancel);
        try (Response response = call.execute()) {
            byte[] body = response.body() == null ? new byte[0] : response.body().bytes();
            return new Reply(response.code(), body);
        } finally {
            unregister.run();
        }
    }

    /** The {@code "error"} text of a JSON error body, or the start of the body. */
    static String errorText(Reply reply) {
        try {
            JsonNode node = reply.json();
            if (node != null && node.has("error")) {
                JsonNode err = node.get("error");
                if (err.isTextual()) {
                    return err.asText();
                }
                if (err.has("message")) {
                    return err.get("message").asText();
                }
                return err.toString();
            }
        } catch (IOException ignored) {
            // not JSON
        }
        String text = reply.text().strip();
        return text.isEmpty() ? "no details" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
