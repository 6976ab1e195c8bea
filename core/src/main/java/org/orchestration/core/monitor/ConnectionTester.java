package org.orchestration.core.monitor;

import java.io.IOException;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.orchestration.core.http.HttpClients;

/**
 * "Test connection" for an Anthropic key or an Ollama address before they are saved: one real
 * request with a short timeout, and every outcome is a sentence, never an exception. Used at first
 * run, before anyone is signed in, so no user is asked for.
 */
public final class ConnectionTester {

    /** Time one test may take. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final String ANTHROPIC_VERSION = "2023-06-01";

    private final HttpClients http;
    private final String anthropicBaseUrl;

    public ConnectionTester(HttpClients http, String anthropicBaseUrl) {
        this.http = http;
        this.anthropicBaseUrl = anthropicBaseUrl;
    }

    /** Lists the models with the key: works, refused (401/403), rate-limited (429, the key works) or unreachable. */
    public ConnectionCheck testAnthropic(String apiKey) {
        String key = apiKey == null ? "" : apiKey.strip();
        if (key.isEmpty()) {
            return new ConnectionCheck(false, "Enter an Anthropic API key first.");
        }
        HttpUrl url = HttpUrl.parse(anthropicBaseUrl + "/v1/models");
        if (url == null) {
            return new ConnectionCheck(false, "The Anthropic address " + anthropicBaseUrl + " is not a valid URL.");
        }
        Request request = new Request.Builder().url(url).get().header("x-api-key", key)
                .header("anthropic-version", ANTHROPIC_VERSION).build();
        try (Response response = client().newCall(request).execute()) {
            int code = response.code();
            if (response.isSuccessful()) {
                return new ConnectionCheck(true, "Connected to Anthropic: the key works.");
            }
            if (code == 401 || code == 403) {
                return new ConnectionCheck(false, "Anthropic refused the key (HTTP " + code + "). Check that it is copied completely.");
            }
            if (code == 429) {
                return new ConnectionCheck(true, "The key works, but Anthropic is rate-limiting it right now (HTTP 429).");
            }
            return new ConnectionCheck(false, "Anthropic answered HTTP " + code + "; try again later.");
        } catch (IOException | RuntimeException e) {
            return new ConnectionCheck(false, "Could not reach Anthropic at " + anthropicBaseUrl + ": " + reason(e));
        }
    }

    /** Asks {@code baseUrl}/api/version: Ollama with its version, something else, or unreachable. */
    public ConnectionCheck testOllama(String baseUrl) {
        String base = baseUrl == null ? "" : baseUrl.strip().replaceAll("/+$", "");
        if (base.isEmpty()) {
            return new ConnectionCheck(false, "Enter the Ollama address first, e.g. http://localhost:11434.");
        }
        HttpUrl url = HttpUrl.parse(base + "/api/version");
        if (url == null) {
            return new ConnectionCheck(false, "\"" + base + "\" is not a valid address; it looks like http://localhost:11434.");
        }
        try (Response response = client().newCall(new Request.Builder().url(url).get().build()).execute()) {
            if (!response.isSuccessful()) {
                return new ConnectionCheck(false, "Something answered at " + base + " but not like Ollama (HTTP " + response.code() + ").");
            }
            String body = response.body() == null ? "" : response.body().string();
            String version = body.replaceAll("(?s).*\"version\"\\s*:\\s*\"([^\"]*)\".*", "$1");
            return new ConnectionCheck(true, "Connected to Ollama" + (version.equals(body) ? "." : " " + version + "."));
        } catch (IOException | RuntimeException e) {
            return new ConnectionCheck(false, "Could not reach Ollama at " + base + ": " + reason(e));
        }
    }

    private OkHttpClient client() {
        return http.withTimeouts(TIMEOUT);
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
