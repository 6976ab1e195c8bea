package org.orchestration.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.orchestration.core.json.Json;

/** A real HTTP client (OkHttp over loopback) for API tests: one call, one {@link Reply}. */
public final class ApiTestClient {

    private static final MediaType JSON = MediaType.get("application/json");

    /** Status, raw body, parsed JSON (null when the body is not JSON) and headers. */
    public record Reply(int status, String body, JsonNode json, Headers headers) {

        public String header(String name) {
            return headers.get(name);
        }

        public String detail() {
            return json == null || !json.has("detail") ? null : json.get("detail").asText();
        }

        public String field() {
            return json == null || !json.has("field") ? null : json.get("field").asText();
        }
    }

    private final String baseUrl;
    private final OkHttpClient http;

    public ApiTestClient(String baseUrl) {
        this.baseUrl = baseUrl;
        okhttp3.Dispatcher dispatcher = new okhttp3.Dispatcher();
        dispatcher.setMaxRequestsPerHost(64); // event streams are async calls: OkHttp's default of 5 per host would queue the rest
        this.http = new OkHttpClient.Builder().dispatcher(dispatcher).readTimeout(Duration.ofSeconds(10))
                .retryOnConnectionFailure(false).build();
    }

    public OkHttpClient http() {
        return http;
    }

    public String url(String path) {
        return baseUrl + path;
    }

    public Reply get(String path, String bearer) {
        return call("GET", path, bearer, null);
    }

    public Reply post(String path, String bearer, String json) {
        return call("POST", path, bearer, json == null ? "" : json);
    }

    public Reply patch(String path, String bearer, String json) {
        return call("PATCH", path, bearer, json);
    }

    public Reply delete(String path, String bearer) {
        return call("DELETE", path, bearer, null);
    }

    public Reply call(String method, String path, String bearer, String json) {
        Request.Builder builder = new Request.Builder().url(url(path));
        RequestBody body = json == null ? (method.equals("GET") || method.equals("DELETE") ? null : RequestBody.create("", JSON))
                : RequestBody.create(json, JSON);
        builder.method(method, body);
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return send(builder.build());
    }

    public Reply send(Request request) {
        try (Response response = http.newCall(request).execute()) {
            String text = response.body() == null ? "" : response.body().string();
            JsonNode json = null;
            try {
                json = text.isEmpty() ? null : Json.mapper().readTree(text);
            } catch (IOException notJson) {
                json = null;
            }
            return new Reply(response.code(), text, json, response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
